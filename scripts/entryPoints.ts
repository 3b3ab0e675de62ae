/**
 * The package's entry points, in one place: the build (tsdown.config.ts), the API reports
 * (scripts/api-report.ts), the package check (scripts/check-package.ts) and
 * test/packageExports.test.ts all read this list, so adding one (say `./testing`) is one line here
 * plus its `exports` entry in package.json, which the test holds to this list.
 */
export interface EntryPoint {
  /** The `exports` subpath, e.g. `./portal`. */
  readonly subpath: string;
  /** The file name in dist/ (`dist/<name>.js`, `dist/<name>.d.ts`) and of the API report (`api/<name>.api.md`). */
  readonly name: string;
  /** The source module, relative to the repository root. */
  readonly source: string;
  /** Needs the optional peer dependency `xstate` at run time. */
  readonly needsXstate: boolean;
}

export const ENTRY_POINTS: readonly EntryPoint[] = [
  { subpath: '.', name: 'index', source: 'src/index.ts', needsXstate: false },
  { subpath: './portal', name: 'portal', source: 'src/portal/index.ts', needsXstate: false },
  { subpath: './sim', name: 'sim', source: 'src/sim/index.ts', needsXstate: false },
  { subpath: './machines', name: 'machines', source: 'machines/index.ts', needsXstate: true },
  { subpath: './descriptions', name: 'descriptions', source: 'src/descriptions/index.ts', needsXstate: false },
  { subpath: './testing', name: 'testing', source: 'src/testing/index.ts', needsXstate: true },
  { subpath: './webview', name: 'webview', source: 'src/webview/index.ts', needsXstate: false },
  { subpath: './node', name: 'node', source: 'src/node/index.ts', needsXstate: false },
];

/** The JSON Schema of the exported paths (`mobile-plans paths --json`, `pathsFor`), shipped as a file. */
export const PATHS_SCHEMA = { subpath: './testing/paths.schema.json', source: 'src/testing/paths.schema.json', file: 'dist/testing/paths.schema.json' } as const;

/** The simulator's one-file browser script, the `./browser` subpath. */
export const BROWSER_SUBPATH = './browser';

/** The web-view page script, a file to inject into a web view, the `./webview-page` subpath. */
export const WEBVIEW_PAGE_SUBPATH = './webview-page';
