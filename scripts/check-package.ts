/**
 * `npm run check:package`: what a consumer gets, checked from the packed tarball, never from the
 * working tree. Packs (prepack builds), prints the packed size and file count, runs publint and
 * @arethetypeswrong/cli on the tarball, installs it alone into an empty temporary project, then
 * there: plain `node` imports every entry point and runs one complete flow (createHost on
 * createSimulatedDevice); tsc compiles typed consumers (NodeNext; bundler + strict, no DOM lib,
 * skipLibCheck false); `npx mobile-plans --help`, `--version` and `demo` run; headless Chromium
 * loads the tarball's dist/browser/mobile-plans-sim.js with a <script> tag from 127.0.0.1 and runs
 * an inline download; `npx mobile-plans test-portal` buys a plan through the single-page sample
 * portal with its journey (playwright-core, @sparticuz/chromium and junit-report-builder added
 * from the registry); then xstate (the optional peer) is added for ./machines and ./testing, and
 * the conformance kit runs from the tarball against the simulated device; last, the API
 * reports are checked against the installed declarations. Exits 1 at the first check that fails.
 *
 * Options: `--keep` leaves the temporary project in place (its path is printed); `--skip-lint`
 * skips publint and attw, to watch the consumer checks alone meet a broken package.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { FLOW_NAMES } from '../machines/flows';
import { CHROMIUM_ARGS, findChromium } from '../test/support/chromium';
import { apiReports } from './api-report';
import { BROWSER_SUBPATH, WEBVIEW_PAGE_SUBPATH } from './entryPoints';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./package-check/consumer/', import.meta.url));
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
/** The single-page sample portal and its journey: not shipped (decision D54), copied from the repository. */
const SPA_SAMPLE = join(ROOT, 'playground', 'portal', 'spa');
const SPA_JOURNEY = join(ROOT, 'playground', 'portal', 'spa.journey.mjs');
/** What may be in the tarball besides package.json, README.md and LICENSE. */
const SHIPPED_FOLDERS = ['dist/', 'bin/'];

class CheckFailed extends Error {}

/** Run a program; resolve with its stdout, or fail with everything it printed. */
async function exec(file: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(file, [...args], { ...options, maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new CheckFailed(`${[file, ...args].join(' ')} failed (in ${options.cwd}):\n${stdout}${stderr}`);
  }
}

/**
 * The consumer's environment: this repository's own tools must not leak in. `npm run` puts
 * node_modules/.bin on PATH and sets npm_* variables; NODE_PATH/NODE_OPTIONS could add modules.
 */
function consumerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|NODE_PATH$|NODE_OPTIONS$|INIT_CWD$)/i.test(key)) env[key] = value;
  }
  env['PATH'] = (process.env['PATH'] ?? '').split(delimiter).filter((part) => !part.includes('node_modules')).join(delimiter);
  return env;
}

function expect(condition: boolean, message: string): asserts condition {
  if (!condition) throw new CheckFailed(message);
}

interface PackResult {
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly entryCount: number;
  readonly files: ReadonlyArray<{ readonly path: string; readonly size: number }>;
}

async function pack(into: string): Promise<PackResult & { tarball: string }> {
  const out = await exec('npm', ['pack', '--json', '--pack-destination', into], { cwd: ROOT });
  // prepack's build prints to stdout before npm's JSON.
  const start = out.search(/^\[$/m);
  expect(start >= 0, `npm pack printed no JSON:\n${out}`);
  const [result] = JSON.parse(out.slice(start)) as PackResult[];
  expect(result !== undefined, 'npm pack packed nothing');
  return { ...result, tarball: join(into, result.filename) };
}

/** Serve `files` from 127.0.0.1 (path → content type and body); 404 for anything else. */
function serve(files: Readonly<Record<string, { type: string; body: Buffer | string }>>): Promise<Server> {
  const server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    if (file === undefined) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** The page loads the script from the tarball and runs an inline download; what it received. */
async function browserRun(script: string): Promise<{ op: { id: string }; received: Array<{ script: string; args: Record<string, string> }>; state: string }> {
  const server = await serve({
    '/': { type: 'text/html; charset=utf-8', body: readFileSync(join(FIXTURES, 'page.html')) },
    '/mobile-plans-sim.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(script) },
    '/mobile-plans-sim.js.map': { type: 'application/json', body: readFileSync(`${script}.map`) },
  });
  const browser = await chromium.launch({ executablePath: (await findChromium()).path, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => void (message.type() === 'error' && problems.push(`console error: ${message.text()}`)));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const result = await page.evaluate<Awaited<ReturnType<typeof browserRun>>>('window.result');
    expect(problems.length === 0, problems.join('\n'));
    return result;
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
  }
}

/** Every folder from `dir` up to the root: none may hold a node_modules that Node would search. */
function ancestorsWithNodeModules(dir: string): string[] {
  const found: string[] = [];
  for (let at = dirname(dir); ; at = dirname(at)) {
    if (existsSync(join(at, 'node_modules'))) found.push(join(at, 'node_modules'));
    if (at === parse(at).root) return found;
  }
}

async function main(): Promise<number> {
  const keep = process.argv.includes('--keep');
  const lint = !process.argv.includes('--skip-lint');
  const work = realpathSync(mkdtempSync(join(tmpdir(), 'mobile-plans-package-')));
  const project = join(work, 'consumer');
  const env = consumerEnv();
  const inProject = { cwd: project, env };
  let passed = 0;
  const check = async (name: string, body: () => Promise<string | void>): Promise<void> => {
    const started = performance.now();
    const detail = await body();
    passed += 1;
    console.log(`ok ${passed} - ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)${detail === undefined || detail === '' ? '' : `\n    ${detail.trim().replaceAll('\n', '\n    ')}`}`);
  };

  try {
    let packed: PackResult & { tarball: string } = undefined as never;
    await check('npm pack (prepack builds dist/)', async () => {
      packed = await pack(work);
      const paths = packed.files.map((file) => file.path);
      const stray = paths.filter((path) => !SHIPPED_FOLDERS.some((folder) => path.startsWith(folder)) && !['package.json', 'README.md', 'LICENSE'].includes(path));
      expect(stray.length === 0, `the tarball carries files consumers do not need: ${stray.join(', ')}`);
      for (const needed of ['LICENSE', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/browser/mobile-plans-sim.js', 'dist/browser/mobile-plans-sim.js.map', 'dist/browser/mobile-plans-webview.js', 'dist/browser/mobile-plans-webview.js.map', 'dist/browser/mobile-plans-test-portal-agent.js', 'bin/mobile-plans.js']) {
        expect(paths.includes(needed), `the tarball has no ${needed}`);
      }
      return `${packed.filename}: packed ${(packed.size / 1000).toFixed(1)} kB, unpacked ${(packed.unpackedSize / 1000).toFixed(1)} kB, ${packed.entryCount} files`;
    });
    if (lint) await check('publint on the tarball: no errors, warnings or suggestions', async () => {
      const out = await exec(join(ROOT, 'node_modules', '.bin', 'publint'), ['run', packed.tarball, '--level', 'suggestion', '--strict'], { cwd: work });
      expect(out.includes('All good!'), `publint has something to say:\n${out}`);
    });
    if (lint) await check('attw on the tarball: node16 (ESM) and bundler resolve every entry point with types', async () => {
      // node10 and node16-from-CJS are out of scope for an ESM-only package (README); ./browser and
      // ./webview-page are classic scripts for a page, not modules, so they have no types to resolve.
      const out = await exec(join(ROOT, 'node_modules', '.bin', 'attw'), [packed.tarball, '--profile', 'esm-only', '--exclude-entrypoints', BROWSER_SUBPATH, WEBVIEW_PAGE_SUBPATH, '--format', 'ascii'], { cwd: work });
      return out.split('\n').filter((line) => /^(node16 \(from ESM\)|bundler):/.test(line)).slice(0, 2).join('\n');
    });
    await check('the tarball installs alone into an empty project', async () => {
      expect(ancestorsWithNodeModules(project).length === 0, `a node_modules above ${project} would leak in: ${ancestorsWithNodeModules(project).join(', ')}`);
      cpSync(FIXTURES, project, { recursive: true });
      writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`);
      await exec('npm', ['i', '--no-audit', '--no-fund', packed.tarball], inProject);
      const modules = readdirSync(join(project, 'node_modules')).filter((name) => !name.startsWith('.'));
      for (const absent of ['xstate', 'typescript', 'tsx', 'vitest', 'playwright-core', '@sparticuz/chromium']) expect(!modules.includes(absent), `installing the tarball also installed ${absent}`);
      return `node_modules: ${modules.join(', ')}`;
    });
    await check('plain node imports every entry point (./machines asks for xstate)', () => exec(process.execPath, ['imports.mjs'], inProject));
    await check("node -e \"import('mobile-plans-fulfillment')…\" prints function", async () => {
      const out = await exec(process.execPath, ['-e', "import('mobile-plans-fulfillment').then(m => console.log(typeof m.createHost))"], inProject);
      expect(out === 'function\n', `printed ${JSON.stringify(out)}`);
      return out;
    });
    await check('one complete flow: createHost on createSimulatedDevice, inline download to connected', () => exec(process.execPath, ['flow.mjs'], inProject));
    await check('./webview from the tarball: its page script (the ./webview-page file, pageScriptUrl()) in a page, bridged to createWebViewEndpoint, runs an inline download', () => exec(process.execPath, ['webview.mjs'], inProject));
    await check('the durable kit (./node): fileStorage, createScheduler and consoleReporter under createHost, a restart, the process exits', () => exec(process.execPath, ['durable.mjs'], inProject));
    await check('npx mobile-plans --help, --version, demo', async () => {
      const help = await exec('npx', ['--no', '--', 'mobile-plans', '--help'], inProject);
      expect(help.includes('Usage: mobile-plans [options] [command]') && help.includes('demo') && !/^\s+docs\b/m.test(help), `unexpected --help:\n${help}`);
      const version = await exec('npx', ['--no', '--', 'mobile-plans', '--version'], inProject);
      expect(version === `${manifest.version}\n`, `--version printed ${JSON.stringify(version)}`);
      const demo = await exec('npx', ['--no', '--', 'mobile-plans', 'demo'], inProject);
      const headers = demo.split('\n').filter((line) => line.startsWith('=== '));
      const missing = FLOW_NAMES.filter((flow) => !headers.some((header) => header.includes(` ${flow}: `)));
      expect(missing.length === 0, `demo printed no timeline for ${missing.join(', ')}:\n${demo}`);
      // `paths` needs the optional peer xstate: without it, a usage error that says so.
      const paths = await exec('npx', ['--no', '--', 'mobile-plans', 'paths', 'delayed'], inProject).then(
        () => 'ran',
        (error: unknown) => String(error),
      );
      expect(paths.includes('needs xstate'), `mobile-plans paths without xstate: ${paths}`);
      return `--version ${version.trim()}; demo: ${headers.length} timelines, ${demo.trim().split('\n').at(-1) ?? ''}; paths without xstate: asks for it`;
    });
    for (const config of ['tsconfig.nodenext.json', 'tsconfig.bundler.json']) {
      await check(`tsc -p ${config}: a typed consumer (strict, no DOM lib, skipLibCheck false)`, () => exec(process.execPath, [TSC, '-p', config], inProject));
    }
    await check('headless Chromium: the tarball\'s dist/browser/mobile-plans-sim.js by <script> from 127.0.0.1 runs an inline download', async () => {
      const script = createRequire(join(project, 'package.json')).resolve(`${manifest.name}/browser`);
      const banner = readFileSync(script, 'utf8').split('\n', 1)[0] ?? '';
      expect(banner.includes(`${manifest.name} ${manifest.version}`), `the script's first line names no version: ${banner}`);
      const result = await browserRun(script);
      const scripts = result.received.map((entry) => entry.script);
      expect(/^op-\d+$/.test(result.op.id) && result.state === 'connected', `the page's operation: ${JSON.stringify(result)}`);
      expect(scripts.includes('profileActivationComplete') && scripts.includes('registrationChanged'), `the page received ${JSON.stringify(result.received)}`);
      expect(result.received[0]?.args['activationResult'] === 'success', `activation: ${JSON.stringify(result.received[0])}`);
      return `${banner}\npage received: ${scripts.join(', ')}; operation ${result.state}`;
    });
    await check('npx mobile-plans test-portal: the single-page sample with its journey in headless Chromium, with playwright-core, @sparticuz/chromium and junit-report-builder from the registry', async () => {
      // The versions this repository tests with; npm's cache usually has them from `npm ci`.
      const peers = ['playwright-core', '@sparticuz/chromium', 'junit-report-builder'].map((name) => `${name}@${manifest.devDependencies[name] ?? 'latest'}`);
      await exec('npm', ['i', '--no-audit', '--no-fund', '--prefer-offline', ...peers], inProject);
      cpSync(SPA_SAMPLE, join(project, 'spa'), { recursive: true });
      cpSync(SPA_JOURNEY, join(project, 'spa.journey.mjs'));
      // The consumer's own Chromium: the one inside @sparticuz/chromium, found as the command finds it.
      const { CHROMIUM_PATH: _ignored, ...withoutChromiumPath } = env;
      const out = await exec('npx', ['--no', '--', 'mobile-plans', 'test-portal', 'spa', '--journey', 'spa.journey.mjs', '--junit', 'report.xml', '--screenshots', 'shots'], { cwd: project, env: withoutChromiumPath });
      const last = out.trim().split('\n').at(-1) ?? '';
      expect(last === '0 errors, 0 warnings in 1 hand-off', `test-portal printed:\n${out}`);
      expect(/hand-off 1: MobilePlansInlineOperations\.notifyProfileDownload returns op-1 at app\.js:\d+:\d+/.test(out), `no located hand-off in:\n${out}`);
      expect(readFileSync(join(project, 'report.xml'), 'utf8').includes('<testcase classname="test-portal.handOff"'), 'report.xml has no hand-off test case');
      expect(readdirSync(join(project, 'shots')).length === 2, `screenshots: ${readdirSync(join(project, 'shots')).join(', ')}`);
      return `${out.split('\n').find((line) => line.startsWith('hand-off 1:')) ?? ''}\n${last}`;
    });
    await check(`with the optional peer xstate@${manifest.peerDependencies['xstate']} added, ./machines and ./testing import, ./machines type-checks, mobile-plans paths runs`, async () => {
      await exec('npm', ['i', '--no-audit', '--no-fund', `xstate@${manifest.peerDependencies['xstate']}`], inProject);
      await exec(process.execPath, [TSC, '-p', 'tsconfig.machines.json'], inProject);
      const paths = JSON.parse(await exec('npx', ['--no', '--', 'mobile-plans', 'paths', 'delayed', '--json'], inProject)) as { flow: string; cases: unknown[] };
      expect(paths.flow === 'delayedDownload' && paths.cases.length > 0, `mobile-plans paths delayed --json printed ${paths.flow} with ${paths.cases.length} cases`);
      return exec(process.execPath, ['imports.mjs', '--machines'], inProject);
    });
    await check('the conformance kit from the tarball (./testing) passes on the simulated device and names path and step on a broken scheduler', () => exec(process.execPath, ['kit.mjs'], inProject));
    await check('API reports (api/*.api.md) match the declarations in the tarball', async () => {
      // Unpacked beside node_modules, not inside it: api-extractor takes what sits in node_modules
      // for another package's, and would report the chunks' imports instead of their declarations.
      // From there xstate's types still resolve (project/node_modules).
      const unpacked = join(project, 'unpacked');
      mkdirSync(unpacked);
      await exec('tar', ['-xzf', packed.tarball, '-C', unpacked], inProject);
      const results = apiReports(join(unpacked, 'package'), { update: false });
      const wrong = results.filter((result) => !result.succeeded);
      const describe = (r: (typeof results)[number]): string =>
        `api/${r.entry.name}.api.md: ${r.changed ? 'differs (run npm run build && npm run api, and commit the report)' : 'same'}; ${r.errors} error(s), ${r.warnings} warning(s)${r.unexported.length > 0 ? `; uses unexported types ${r.unexported.join(', ')}` : ''}`;
      expect(wrong.length === 0, wrong.map(describe).join('\n'));
      return results.map(describe).join('\n');
    });
    console.log(`package check: all ${passed} checks passed (${packed.filename}, ${(packed.size / 1000).toFixed(1)} kB packed, ${packed.entryCount} files)`);
    return 0;
  } catch (error) {
    console.log(`not ok ${passed + 1}`);
    console.error(error instanceof CheckFailed ? error.message : error);
    console.error(`package check: failed after ${passed} passing check(s)${keep ? '' : '; rerun with --keep to inspect the project'}`);
    return 1;
  } finally {
    if (keep) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = await main();
