/**
 * Builds the portal developer's simulator for the browser: one self-contained, minified IIFE,
 * `dist/browser/mobile-plans-sim.js`, defining the global `MobilePlansSim` (`start(options)`).
 * Run with `npm run build`; prints the size raw, minified and gzipped.
 */
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The bundle's entry, relative to the repository root. */
export const BROWSER_ENTRY = 'src/sim/browser.ts';
/** The bundle, relative to the repository root. */
export const BROWSER_BUNDLE = 'dist/browser/mobile-plans-sim.js';

/** What a build produced: where, and its sizes in bytes. */
export interface BrowserBuild {
  readonly file: string;
  readonly rawBytes: number;
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
}

/**
 * Bundle the simulator for the browser and write it (with no runtime dependencies left: xstate
 * and everything else is inside).
 *
 * @param outfile - where to write it (default `dist/browser/mobile-plans-sim.js` in the repository)
 * @returns the file and its sizes
 */
export async function buildBrowserBundle(outfile: string = join(ROOT, BROWSER_BUNDLE)): Promise<BrowserBuild> {
  const bundle = async (minify: boolean): Promise<Uint8Array> => {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: [BROWSER_ENTRY],
      bundle: true,
      format: 'iife',
      globalName: 'MobilePlansSim',
      platform: 'browser',
      // The sources need an ES2022 runtime anyway (tsconfig target and lib; Object.hasOwn): es2020 only
      // added helpers that rewrite the simulator's #private fields into WeakMaps.
      target: 'es2022',
      minify,
      legalComments: 'none',
      define: { 'process.env.NODE_ENV': '"production"' },
      write: false,
      logLevel: 'silent',
    });
    const output = result.outputFiles[0];
    if (output === undefined) throw new Error('esbuild produced no output');
    return output.contents;
  };
  const [raw, minified] = await Promise.all([bundle(false), bundle(true)]);
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(outfile, minified);
  return { file: outfile, rawBytes: raw.byteLength, minifiedBytes: minified.byteLength, gzipBytes: gzipSync(minified, { level: 9 }).byteLength };
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const built = await buildBrowserBundle();
  console.log(`${relative(ROOT, built.file)}: raw ${kib(built.rawBytes)}, minified ${kib(built.minifiedBytes)}, minified+gzip ${kib(built.gzipBytes)}`);
}
