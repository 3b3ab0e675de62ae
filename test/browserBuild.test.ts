import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { BROWSER_BANNER, buildBrowserBundle, type BrowserBuild } from '../scripts/build-browser';

/* The shipped simulator script names its version in its first line and links its source map. */

const dir = mkdtempSync(join(tmpdir(), 'mobile-plans-browser-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let built: Promise<BrowserBuild> | undefined;
const build = (): Promise<BrowserBuild> => (built ??= buildBrowserBundle(join(dir, 'mobile-plans-sim.js')));

describe('the browser build', () => {
  it('starts with a banner naming the package and its version', async () => {
    const code = readFileSync((await build()).file, 'utf8');
    expect(code.split('\n', 1)[0]).toBe(BROWSER_BANNER);
    expect(BROWSER_BANNER).toContain(`${packageJson.name} ${packageJson.version}`);
  });

  it('ends by linking the source map written beside it, which maps to the original files without carrying them', async () => {
    const { file, mapFile } = await build();
    expect(mapFile).toBe(`${file}.map`);
    expect(readFileSync(file, 'utf8').trimEnd().split('\n').at(-1)).toBe('//# sourceMappingURL=mobile-plans-sim.js.map');
    const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[]; sourcesContent?: unknown; mappings: string };
    expect(map.sources.some((source) => source.endsWith('src/sim/browser.ts'))).toBe(true);
    expect(map.mappings.length).toBeGreaterThan(1000);
    expect(map.sourcesContent).toBeUndefined();
  });
});
