import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/docs/main';

/* `npm run docs` (src/docs/main.ts): a repository script, since the installed CLI has no docs command. */

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const undo of cleanup.splice(0).reverse()) undo();
});

/** What main prints from now on (console.log, console.error); `clear` forgets what came before. */
function printed(): { out: () => string; err: () => string; clear: () => void } {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  cleanup.push(() => log.mockRestore(), () => error.mockRestore());
  const text = (spy: typeof log): string => spy.mock.calls.map((call) => `${call.join(' ')}\n`).join('');
  return { out: () => text(log), err: () => text(error), clear: () => (log.mockClear(), error.mockClear(), undefined) };
}

function emptyFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mobile-plans-docs-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('npm run docs', () => {
  it('writes the generated documents into --out, which --check then finds fresh', () => {
    const out = emptyFolder();
    const written = printed();
    expect(main(['--out', out])).toBe(0);
    expect(existsSync(join(out, 'index.md'))).toBe(true);
    expect(existsSync(join(out, 'flows', 'delayedDownload.md'))).toBe(true);
    expect(written.out()).toMatch(/generated \d+ documents/);
    written.clear();
    expect(main(['--out', out, '--check'])).toBe(0);
    expect(written.out()).toBe('docs are fresh\n');
  });

  it('exits 1 naming every missing document when --check finds an empty folder', () => {
    const out = emptyFolder();
    const checked = printed();
    expect(main(['--out', out, '--check'])).toBe(1);
    expect(checked.err()).toContain(`${out}/index.md (missing)`);
  });

  it('exits 2 on an unknown option, writing nothing', () => {
    const checked = printed();
    expect(main(['--outdir', '/tmp/nowhere'])).toBe(2);
    expect(checked.err()).toContain("Unknown option '--outdir'");
  });
});
