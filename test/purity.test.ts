import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Decision D24 (docs/decisions.md): these folders never reach for the outside world. */
const PURE_FOLDERS = ['machines', 'src/core', 'src/domain'];
const FORBIDDEN: ReadonlyArray<[string, RegExp]> = [
  ['the clock', /\bDate\.now\b|\bnew Date\b|\bperformance\.now\b/],
  ['timers', /\bset(Timeout|Interval|Immediate)\b|\bqueueMicrotask\b/],
  ['randomness', /\bMath\.random\b|\bcrypto\b/],
  ['the console', /\bconsole\./],
  ['I/O', /\bfetch\(|\bXMLHttpRequest\b|\blocalStorage\b|from ['"](node:|fs|path|http|https|net|child_process)/],
  // xstate's delayed transitions (`after: { 1000: ... }`) and delayed events (raise or sendTo with a delay); a
  // state's `deadline: { after: 'delay' }` names a timing the core arms as a command (decision D59), and is allowed.
  ['xstate timers and actors', /\bafter\s*:\s*\{|\binvoke\s*:|\bfromPromise\b|\bfromCallback\b|\b(raise|sendTo|sendParent)\s*\(/],
];

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** Comments may name what the code must not use. */
function code(path: string): string {
  return readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('the pure core', () => {
  for (const folder of PURE_FOLDERS) {
    it(`${folder} never reaches for the clock, timers, randomness, the console or I/O`, () => {
      const files = sources(folder);
      expect(files.length).toBeGreaterThan(0);
      const offences = files.flatMap((file) =>
        FORBIDDEN.filter(([, pattern]) => pattern.test(code(file))).map(([what]) => `${file} uses ${what}`),
      );
      expect(offences).toEqual([]);
    });
  }

  it('the check itself catches a forbidden call', () => {
    const offending = 'export const t = () => Date.now();';
    expect(FORBIDDEN.some(([, pattern]) => pattern.test(offending))).toBe(true);
  });
});
