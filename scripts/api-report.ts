/**
 * The API reports: one `api/<entry>.api.md` per entry point, written by api-extractor from the
 * built declarations (dist/<entry>.d.ts), committed, so every change to the public surface shows
 * in a diff. `npm run api` rewrites them after a build; scripts/check-package.ts runs the check
 * (no writes; fails when a report differs) on the declarations inside the packed tarball.
 */
import { Extractor, ExtractorConfig, ExtractorLogLevel, type IConfigFile } from '@microsoft/api-extractor';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ENTRY_POINTS, type EntryPoint } from './entryPoints';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where the committed reports live. */
export const API_REPORT_FOLDER = join(ROOT, 'api');

/**
 * Types the surface uses that no entry point names, accepted for now, each with why. A type of one
 * entry point that another one's signatures use (say `Host` in `./portal`) is fine: it is imported
 * from the entry point that names it. Any other unexported type fails the check.
 */
const ACCEPTED_UNEXPORTED: Readonly<Record<string, string>> = {
  Untimed: "the host's helper for Host.send's parameter in src/host/untimed.ts (Input without `now`)",
};

/** What the check found for one entry point. */
export interface ApiReportResult {
  readonly entry: EntryPoint;
  readonly succeeded: boolean;
  /** The declarations differ from the committed report (which `update` then rewrote). */
  readonly changed: boolean;
  readonly errors: number;
  readonly warnings: number;
  /** Types its signatures use that no entry point exports (and that are not accepted above). */
  readonly unexported: readonly string[];
}

function configFor(entry: EntryPoint, packageFolder: string): IConfigFile {
  return {
    projectFolder: packageFolder,
    mainEntryPointFilePath: join(packageFolder, 'dist', `${entry.name}.d.ts`),
    // The declarations as a NodeNext consumer's compiler reads them. Their strictness is the typed
    // consumer examples' job (scripts/check-package.ts); xstate's own declarations need a DOM or Node lib.
    compiler: {
      overrideTsconfig: {
        compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, lib: ['es2022'], types: [] },
        files: [join(packageFolder, 'dist', `${entry.name}.d.ts`)],
      },
      skipLibCheck: true,
    },
    apiReport: {
      enabled: true,
      reportFileName: entry.name,
      reportFolder: API_REPORT_FOLDER,
      reportTempFolder: join(ROOT, 'artifacts', 'api'),
    },
    docModel: { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    newlineKind: 'lf',
    messages: {
      compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Error } },
      extractorMessageReporting: {
        default: { logLevel: ExtractorLogLevel.Warning },
        // No release tags (@public/@beta): everything an entry point exports is public.
        'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None },
        // Documentation coverage is typedoc's business (npm run docs:api), not the surface's.
        'ae-undocumented': { logLevel: ExtractorLogLevel.None },
        'ae-unresolved-link': { logLevel: ExtractorLogLevel.None },
        // A type the surface uses but no entry point names is a hole in the deliberate surface.
        'ae-forgotten-export': { logLevel: ExtractorLogLevel.Error, addToApiReportFile: true },
      },
      tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
    },
  };
}

/**
 * Run api-extractor on each entry point's declarations in `packageFolder` (a built repository, or
 * the package as installed from the tarball).
 *
 * @param packageFolder - the folder holding package.json and dist/
 * @param options - `update: true` rewrites the committed reports instead of failing on a difference
 * @returns one result per entry point
 */
export function apiReports(packageFolder: string, options: { readonly update: boolean }): ApiReportResult[] {
  const runs = ENTRY_POINTS.map((entry) => {
    const config = ExtractorConfig.prepare({
      configObject: configFor(entry, packageFolder),
      configObjectFullPath: undefined,
      packageJsonFullPath: join(packageFolder, 'package.json'),
    });
    let warnings = 0;
    const result = Extractor.invoke(config, {
      localBuild: options.update,
      messageCallback: (message) => {
        // "The report changed/was created" is the answer in update mode, not a problem with the surface.
        const reportNews = options.update && message.messageId.startsWith('console-api-report-');
        if (message.logLevel === ExtractorLogLevel.Warning && !reportNews) warnings += 1;
      },
    });
    // The report as just generated (api-extractor always writes it to the temp folder first).
    const report = readFileSync(join(ROOT, 'artifacts', 'api', `${entry.name}.api.md`), 'utf8');
    return { entry, result, warnings, report };
  });
  const exported = new Set(runs.flatMap((run) => [...run.report.matchAll(EXPORTED_NAME)].map((match) => match[1]!)));
  return runs.map(({ entry, result, warnings, report }) => {
    const forgotten = new Set([...report.matchAll(FORGOTTEN_NAME)].map((match) => match[1]!));
    const unexported = [...forgotten].filter((name) => !exported.has(name) && !(name in ACCEPTED_UNEXPORTED)).sort();
    return {
      entry,
      succeeded: result.succeeded && warnings === 0 && unexported.length === 0,
      changed: result.apiReportChanged,
      errors: result.errorCount,
      warnings,
      unexported,
    };
  });
}

const EXPORTED_NAME = /^export (?:declare )?(?:abstract )?(?:class|interface|type|function|const|let|enum|namespace) (\w+)/gm;
const FORGOTTEN_NAME = /\(ae-forgotten-export\) The symbol "(\w+)" needs to be exported/g;

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const update = !process.argv.includes('--check');
  const results = apiReports(ROOT, { update });
  for (const r of results) {
    const state = r.changed ? (update ? 'updated' : 'DIFFERS from the committed report') : 'unchanged';
    console.log(`api/${r.entry.name}.api.md: ${state}; ${r.errors} error(s), ${r.warnings} warning(s)`);
    if (r.unexported.length > 0) console.log(`  uses types no entry point exports: ${r.unexported.join(', ')}`);
  }
  if (results.some((r) => !r.succeeded)) process.exitCode = 1;
}
