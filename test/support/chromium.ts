/**
 * Where the browser tests get Chromium, in this order: `CHROMIUM_PATH`; the Chromium that the
 * `@sparticuz/chromium` package ships inside its npm tarball (so `npm ci` brings a browser and
 * nothing needs `apt-get`); Debian's `/usr/bin/chromium`. A missing browser is an error, never a skip.
 */
import { existsSync } from 'node:fs';

/** Flags for a headless Chromium on a machine with no network but loopback. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** A Chromium executable and where it came from. */
export interface FoundChromium {
  readonly path: string;
  readonly source: 'CHROMIUM_PATH' | '@sparticuz/chromium' | typeof DEBIAN_CHROMIUM;
}

let found: Promise<FoundChromium> | undefined;

/** Find Chromium (once per process); throws with what to do when there is none. */
export function findChromium(): Promise<FoundChromium> {
  found ??= search();
  return found;
}

async function search(): Promise<FoundChromium> {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is ${fromEnv}, but there is no file there`);
    return { path: fromEnv, source: 'CHROMIUM_PATH' };
  }
  const packaged = await packagedChromium();
  if (packaged !== undefined) return { path: packaged, source: '@sparticuz/chromium' };
  if (existsSync(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, source: DEBIAN_CHROMIUM };
  throw new Error('No Chromium for the browser tests: run `npm ci` (it installs @sparticuz/chromium), set CHROMIUM_PATH, or install Debian\'s chromium');
}

/** The packaged browser, unpacked into the temporary folder on first use; undefined when the package is absent. */
async function packagedChromium(): Promise<string | undefined> {
  let module: { default: { executablePath(): Promise<string> } };
  try {
    module = (await import('@sparticuz/chromium')) as typeof module;
  } catch {
    return undefined;
  }
  return module.default.executablePath();
}
