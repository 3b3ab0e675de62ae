/**
 * Where `mobile-plans test-portal` and this repository's browser tests get Chromium, in this
 * order: an explicit path (`--browser`), `CHROMIUM_PATH`; the Chromium that the
 * `@sparticuz/chromium` package ships inside its npm tarball (so `npm i` brings a browser and
 * nothing needs `apt-get`); the browsers `npx playwright install` put in Playwright's cache;
 * the usual system paths. A missing browser is an error that says what to install, never a skip.
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

/** Where distributions put Chromium (Debian first: the machine this repository's CI runs on). */
const SYSTEM_CHROMIUMS: readonly string[] = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'];

/** Where a Chromium came from. */
export type ChromiumSource = '--browser' | 'CHROMIUM_PATH' | '@sparticuz/chromium' | 'playwright' | 'system';

/** A Chromium executable and where it came from. */
export interface FoundChromium {
  readonly path: string;
  readonly source: ChromiumSource;
}

/** No Chromium anywhere: the message says every way to get one. */
export class ChromiumNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChromiumNotFoundError';
  }
}

let found: Promise<FoundChromium> | undefined;

/**
 * Find Chromium. Without an explicit path the search runs once per process (the packaged
 * browser unpacks on first use).
 *
 * @param explicitPath - a path given on the command line (`--browser`); it must exist
 * @throws ChromiumNotFoundError with what to do when there is none
 */
export function findChromium(explicitPath?: string): Promise<FoundChromium> {
  if (explicitPath !== undefined) {
    if (!existsSync(explicitPath)) return Promise.reject(new ChromiumNotFoundError(`--browser is ${explicitPath}, but there is no file there`));
    return Promise.resolve({ path: explicitPath, source: '--browser' });
  }
  found ??= search();
  // A failed search is not cached: the user may install a browser and call again.
  found.catch(() => (found = undefined));
  return found;
}

async function search(): Promise<FoundChromium> {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!existsSync(fromEnv)) throw new ChromiumNotFoundError(`CHROMIUM_PATH is ${fromEnv}, but there is no file there`);
    return { path: fromEnv, source: 'CHROMIUM_PATH' };
  }
  const packaged = await packagedChromium();
  if (packaged !== undefined) return { path: packaged, source: '@sparticuz/chromium' };
  const playwright = await playwrightChromium();
  if (playwright !== undefined) return { path: playwright, source: 'playwright' };
  const system = SYSTEM_CHROMIUMS.find((path) => existsSync(path));
  if (system !== undefined) return { path: system, source: 'system' };
  throw new ChromiumNotFoundError(
    'no Chromium found: install one with `npm i -D @sparticuz/chromium` (a Chromium inside an npm package), ' +
      'or `npx playwright install chromium`, or give its path with --browser PATH or CHROMIUM_PATH',
  );
}

/** The packaged browser, unpacked into the temporary folder on first use; undefined when the package is absent. */
async function packagedChromium(): Promise<string | undefined> {
  let module: { default: { executablePath(): Promise<string> } };
  try {
    module = (await import('@sparticuz/chromium'));
  } catch {
    return undefined;
  }
  return module.default.executablePath();
}

/** The Chromium `npx playwright install chromium` downloaded, when playwright-core is installed and it is there. */
async function playwrightChromium(): Promise<string | undefined> {
  try {
    const { chromium } = await import('playwright-core');
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}
