import { build, transform, type BuildOptions } from 'esbuild';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { formatBytes, formatRatio, type Section, type Target } from './lib/report';

/*
 * 5. Bundle size, minified (esbuild) and gzipped (zlib, level 9): the browser simulator bundle,
 * the core entry point, and xstate alone bundled the same way.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BROWSER_BUNDLE = 'dist/browser/mobile-plans-sim.js';

const COMMON: BuildOptions = {
  absWorkingDir: ROOT,
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  // As scripts/build-browser.ts ships it: the sources need ES2022 (tsconfig), so lowering to es2020 measured helpers no build of ours emits.
  target: 'es2022',
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  write: false,
  logLevel: 'silent',
};

interface Measured {
  readonly what: string;
  readonly minified: number;
  readonly gzip: number;
  /** Minified bytes by part (xstate, machines, src/<folder>), from esbuild's metafile. */
  readonly parts?: ReadonlyMap<string, number>;
}

async function bundle(what: string, options: BuildOptions): Promise<Measured> {
  const result = await build({ ...COMMON, ...options, metafile: true });
  const code = result.outputFiles?.[0]?.contents;
  if (code === undefined) throw new Error(`bundle: nothing built for ${what}`);
  const parts = new Map<string, number>();
  for (const output of Object.values(result.metafile?.outputs ?? {})) {
    for (const [file, input] of Object.entries(output.inputs)) {
      const part = file.includes('node_modules/') ? file.split('node_modules/')[1]!.split('/')[0]! : file.split('/').slice(0, file.startsWith('src/') ? 2 : 1).join('/');
      parts.set(part, (parts.get(part) ?? 0) + input.bytesInOutput);
    }
  }
  return { what, minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, parts };
}

/** The browser bundle as `npm run build` left it (minified again, which changes little), or src/sim/index.ts bundled here. */
async function simulator(): Promise<Measured & { source: string }> {
  const file = join(ROOT, BROWSER_BUNDLE);
  if (existsSync(file)) {
    const { code } = await transform(readFileSync(file, 'utf8'), { minify: true, legalComments: 'none' });
    const bytes = Buffer.from(code);
    return { what: 'browser simulator bundle', source: `${BROWSER_BUNDLE} (built ${statSync(file).mtime.toISOString().slice(0, 16).replace('T', ' ')} UTC)`, minified: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength };
  }
  const measured = await bundle('browser simulator bundle', { entryPoints: ['src/sim/index.ts'] });
  return { ...measured, source: `src/sim/index.ts bundled here (${BROWSER_BUNDLE} not built)` };
}

function coreEntry(): Pick<BuildOptions, 'entryPoints' | 'stdin'> & { source: string } {
  if (existsSync(join(ROOT, 'src/index.ts'))) return { entryPoints: ['src/index.ts'], source: 'src/index.ts' };
  return {
    stdin: { contents: "export * from './src/core/index';\nexport * from './machines/index';", resolveDir: ROOT, loader: 'ts' },
    source: 'src/core/index.ts + machines/index.ts',
  };
}

export async function runBundle(): Promise<Section> {
  const xstate = await bundle('xstate alone', { stdin: { contents: "export * from 'xstate';", resolveDir: ROOT, loader: 'js' } });
  const sim = await simulator();
  const { source: coreSource, ...coreOptions } = coreEntry();
  const core = await bundle('core entry point', coreOptions);
  // Where the bytes go: the core entry, and the simulator's browser entry built here the same way.
  const browserEntry = existsSync(join(ROOT, 'src/sim/browser.ts')) ? 'src/sim/browser.ts' : 'src/sim/index.ts';
  const simParts = (await bundle('simulator', { entryPoints: [browserEntry] })).parts ?? new Map<string, number>();
  const coreParts = core.parts ?? new Map<string, number>();
  const machinesEntry = await bundle('machines entry point (xstate machines)', { entryPoints: ['machines/index.ts'] });
  const names = [...new Set([...simParts.keys(), ...coreParts.keys()])].filter((name) => (coreParts.get(name) ?? 0) + (simParts.get(name) ?? 0) > 0).sort((a, b) => (simParts.get(b) ?? 0) - (simParts.get(a) ?? 0));
  const partRows = names.map((name) => [name, coreParts.has(name) ? formatBytes(coreParts.get(name)!) : '—', simParts.has(name) ? formatBytes(simParts.get(name)!) : '—']);
  const rows = [
    [sim.what, sim.source, formatBytes(sim.minified), formatBytes(sim.gzip), formatRatio(sim.gzip / xstate.gzip)],
    [core.what, coreSource, formatBytes(core.minified), formatBytes(core.gzip), formatRatio(core.gzip / xstate.gzip)],
    [machinesEntry.what, 'machines/index.ts', formatBytes(machinesEntry.minified), formatBytes(machinesEntry.gzip), formatRatio(machinesEntry.gzip / xstate.gzip)],
    [xstate.what, "export * from 'xstate'", formatBytes(xstate.minified), formatBytes(xstate.gzip), formatRatio(1)],
  ];
  const targets: Target[] = [
    { name: 'core entry point, minified + gzip', figure: formatBytes(core.gzip), limit: '≤ 20 KB', pass: core.gzip <= 20 * 1024 },
    { name: 'browser simulator bundle, minified + gzip', figure: formatBytes(sim.gzip), limit: '≤ 30 KB', pass: sim.gzip <= 30 * 1024 },
  ];
  return {
    title: '5. Bundle size',
    tables: [
      { title: 'Minified (esbuild) + gzip (zlib level 9), each with everything it imports bundled', head: ['bundle', 'source', 'minified', 'gzip', 'gzip vs xstate'], rows },
      { title: `Minified bytes by part (core entry; ${browserEntry} bundled here)`, head: ['part', 'core entry', 'simulator'], rows: partRows },
    ],
    targets,
    notes: [
      "The core entry point and the simulator run the flow definitions with the core's interpreter, so neither contains xstate; the xstate machines built from the same definitions are the `mobile-plans-fulfillment/machines` entry point.",
      "xstate alone is `export * from 'xstate'`: a bare `import 'xstate'` bundles to nothing, since xstate declares no side effects.",
    ],
  };
}
