/**
 * Builds the two one-file browser scripts, each a self-contained, minified IIFE with its source
 * map beside it and a banner naming the package and version: the portal developer's simulator,
 * `dist/browser/mobile-plans-sim.js`, defining the global `MobilePlansSim` (`start(options)`),
 * and the web-view page script, `dist/browser/mobile-plans-webview.js`, which defines the portal
 * objects and no global of its own. Run by `npm run build` after tsdown; prints the sizes raw,
 * minified and gzipped.
 */
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

import packageJson from '../package.json' with { type: 'json' };

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The first line of the script: which package and version a portal page has loaded. */
export const BROWSER_BANNER = `/*! ${packageJson.name} ${packageJson.version} | MobilePlansSim, the Mobile Plans device simulator for operator portals | ${packageJson.license} */`;

/** The bundle's entry, relative to the repository root. */
export const BROWSER_ENTRY = 'src/sim/browser.ts';
/** The bundle, relative to the repository root. */
export const BROWSER_BUNDLE = 'dist/browser/mobile-plans-sim.js';

/** The web-view page script's first line. */
export const WEBVIEW_BANNER = `/*! ${packageJson.name} ${packageJson.version} | the Mobile Plans portal objects for a web view, bridged to the host | ${packageJson.license} */`;
/** The web-view page script's entry, relative to the repository root. */
export const WEBVIEW_ENTRY = 'src/webview/page/main.ts';
/** The web-view page script, relative to the repository root. */
export const WEBVIEW_SCRIPT = 'dist/browser/mobile-plans-webview.js';

/** One script to bundle: its entry, its global (none: it only defines what it installs) and banner. */
interface ScriptSpec {
  readonly entry: string;
  readonly globalName?: string;
  readonly banner: string;
}

/** What a build produced: where, and its sizes in bytes. */
export interface BrowserBuild {
  readonly file: string;
  /** The source map, `<file>.map`, which the script names in its last line. */
  readonly mapFile: string;
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
export function buildBrowserBundle(outfile: string = join(ROOT, BROWSER_BUNDLE)): Promise<BrowserBuild> {
  return bundleScript({ entry: BROWSER_ENTRY, globalName: 'MobilePlansSim', banner: BROWSER_BANNER }, outfile);
}

/**
 * Bundle the web-view page script (src/webview/page/main.ts) and write it.
 *
 * @param outfile - where to write it (default `dist/browser/mobile-plans-webview.js` in the repository)
 * @returns the file and its sizes
 */
export function buildWebViewPageScript(outfile: string = join(ROOT, WEBVIEW_SCRIPT)): Promise<BrowserBuild> {
  return bundleScript({ entry: WEBVIEW_ENTRY, banner: WEBVIEW_BANNER }, outfile);
}

async function bundleScript(spec: ScriptSpec, outfile: string): Promise<BrowserBuild> {
  const bundle = async (minify: boolean): Promise<{ code: Uint8Array; map: Uint8Array | undefined }> => {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: [spec.entry],
      outfile,
      bundle: true,
      format: 'iife',
      ...(spec.globalName === undefined ? {} : { globalName: spec.globalName }),
      platform: 'browser',
      // The sources need an ES2022 runtime anyway (tsconfig target and lib; Object.hasOwn): es2020 only
      // added helpers that rewrite the simulator's #private fields into WeakMaps.
      target: 'es2022',
      minify,
      legalComments: 'none',
      banner: { js: spec.banner },
      sourcemap: minify ? 'linked' : false,
      // Maps to the original files and lines, without carrying the sources (as the library's maps).
      sourcesContent: false,
      define: { 'process.env.NODE_ENV': '"production"' },
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles.find((file) => file.path === outfile);
    if (code === undefined) throw new Error('esbuild produced no output');
    return { code: code.contents, map: result.outputFiles.find((file) => file.path === `${outfile}.map`)?.contents };
  };
  const [raw, minified] = await Promise.all([bundle(false), bundle(true)]);
  if (minified.map === undefined) throw new Error(`esbuild produced no source map for ${basename(outfile)}`);
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(outfile, minified.code);
  writeFileSync(`${outfile}.map`, minified.map);
  return {
    file: outfile,
    mapFile: `${outfile}.map`,
    rawBytes: raw.code.byteLength,
    minifiedBytes: minified.code.byteLength,
    gzipBytes: gzipSync(minified.code, { level: 9 }).byteLength,
  };
}

/** The agent `mobile-plans test-portal` injects after the simulator (src/cli/testPortal/initScript.ts reads it). */
export const TEST_PORTAL_AGENT_ENTRY = 'src/cli/testPortal/pageAgent.ts';
export const TEST_PORTAL_AGENT_BUNDLE = 'dist/browser/mobile-plans-test-portal-agent.js';

/**
 * Bundle the test-portal agent: a small minified IIFE defining `MobilePlansTestPortalAgent`
 * (`startAgent(config)`), which uses the simulator script's `MobilePlansSim`, not a copy of it.
 *
 * @param outfile - where to write it
 * @returns its size in bytes
 */
export async function buildTestPortalAgent(outfile: string = join(ROOT, TEST_PORTAL_AGENT_BUNDLE)): Promise<number> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [TEST_PORTAL_AGENT_ENTRY],
    bundle: true,
    format: 'iife',
    globalName: 'MobilePlansTestPortalAgent',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    banner: { js: `/*! ${packageJson.name} ${packageJson.version} | the agent mobile-plans test-portal injects into a portal page | ${packageJson.license} */` },
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents;
  if (code === undefined) throw new Error('esbuild produced no test-portal agent');
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(outfile, code);
  return code.byteLength;
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const built of [await buildBrowserBundle(), await buildWebViewPageScript()]) {
    console.log(`${relative(ROOT, built.file)}: raw ${kib(built.rawBytes)}, minified ${kib(built.minifiedBytes)}, minified+gzip ${kib(built.gzipBytes)}`);
  }
  const agentBytes = await buildTestPortalAgent();
  console.log(`${TEST_PORTAL_AGENT_BUNDLE}: minified ${kib(agentBytes)}`);
}
