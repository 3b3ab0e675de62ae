import { defineConfig } from 'tsdown';
import { ENTRY_POINTS, PATHS_SCHEMA } from './scripts/entryPoints';

/*
 * `npm run build` (step one of two; scripts/build-browser.ts writes dist/browser/ after it):
 * every entry point of package.json's `exports` as ESM with source maps and one bundled `.d.ts`
 * each, and the compiled CLI that bin/mobile-plans.js starts. Bundling the declarations matters:
 * the sources use extensionless relative imports, which a consumer with `module: NodeNext`
 * could not resolve file by file. One build for all, so the CLI shares the library's chunks
 * instead of carrying a second copy of it in the tarball.
 */
/**
 * Source maps that map to the original files and lines without carrying the sources: stack
 * traces (`node --enable-source-maps`, a browser console) name `src/host/host.ts:120`, and the
 * tarball stays small. Rolldown honours this output option but this version does not type it.
 */
const MAPS_WITHOUT_SOURCES = { sourcemapExcludeSources: true } as object;

export default defineConfig({
  entry: { ...Object.fromEntries(ENTRY_POINTS.map((entry) => [entry.name, entry.source])), cli: 'src/cli/main.ts' },
  // The library runs in a host, a web view or a browser (it imports nothing from Node); only the CLI uses node: modules.
  platform: 'node',
  target: 'es2022',
  format: 'esm',
  fixedExtension: false,
  outDir: 'dist',
  sourcemap: true,
  dts: { sourcemap: false },
  // Shared chunks sit apart from the entry points, with stable names (the file list changes only with the code).
  hash: false,
  // The doc comments live in the .d.ts files and in the source maps' sources; the .js need not repeat them.
  outputOptions: { chunkFileNames: 'chunks/[name].js', comments: { jsdoc: false }, ...MAPS_WITHOUT_SOURCES },
  tsconfig: 'tsconfig.build.json',
  // test-portal bundles its page script with esbuild only when run from the sources; the package reads dist/browser/.
  external: ['esbuild'],
  // The paths' JSON Schema is data, not code: shipped as it is, for hosts in other languages.
  copy: [{ from: PATHS_SCHEMA.source, to: 'dist/testing' }],
});
