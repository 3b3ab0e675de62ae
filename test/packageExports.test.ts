import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BROWSER_SUBPATH, ENTRY_POINTS, PATHS_SCHEMA, WEBVIEW_PAGE_SUBPATH } from '../scripts/entryPoints';
import { ENUM_OBJECTS } from '../src/domain/enums';

/*
 * package.json's entry points are the ones scripts/entryPoints.ts lists (which the build and the
 * API reports read), each source offers what the README says, and each export list is explicit:
 * no `export *`, none of the internals, no value under two names. What consumers get from the
 * built tarball is scripts/check-package.ts's business.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
type Conditions = { readonly types: string; readonly import: string };
const manifest = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as {
  exports: Record<string, Conditions | string>;
  main: string;
  types: string;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dependencies?: Record<string, string>;
};

const DOCUMENTED: Record<string, readonly string[]> = {
  '.': ['createHost', 'step', 'createState', 'flows', 'FLOW_NAMES', 'DEFAULT_TIMING', 'parseActivationCode', 'validateMetadata', 'roundDelay'],
  './portal': ['createPortalApi', 'MobilePlansSecurityError'],
  './sim': ['startSimulator', 'createSimulatedDevice'],
  './machines': ['machines', 'machinesFor', 'flowMachine', 'flows'],
  './descriptions': ['ACTIVATION_ERROR_DESCRIPTIONS'],
  './testing': ['conformanceCases', 'conformanceCoverage', 'pathsFor', 'ConformanceError'],
  './webview': ['createWebViewEndpoint', 'nativeTransport', 'electronTransport', 'playwrightTransport', 'cdpTransport', 'pageScriptUrl'],
  './node': ['fileStorage', 'createScheduler', 'consoleReporter', 'FileStorageError'],
};

/** Names the issue found leaking, and the second name of normalizeMetadata: none may come back. */
const INTERNAL: Record<string, readonly string[]> = {
  '.': ['ok', 'err', 'domainError', 'quote', 'diagnostic', 'unknownFieldDiagnostics', 'normalizeMetadata', 'activationErrorOf', 'luhnValid', 'cloneState'],
  './portal': ['copyArgument', 'resolveCallback', 'propertyPath', 'originProblem', 'normalizeAllowedHosts', 'HAND_OFF_ENTRY_POINTS'],
  './sim': ['codeKey', 'settleMicrotasks', 'matchingIdOf', 'redactText', 'createSimulatedUser', 'VirtualClock', 'Redactor', 'formatNotice'],
  './machines': ['guardsFor', 'updatesFor', 'timingKey', 'defineFlow', 'defineState', 'initialContext', 'inlineDownloadMachine'],
  './descriptions': [],
  './testing': ['generatedPaths', 'replay', 'Checks', 'pathName'],
  './webview': ['parsePageMessage', 'installWebViewPage', 'createRemoteHost', 'detectPageTransport', 'copyArgument', 'HAND_OFF_ENTRY_POINTS'],
  './node': ['createFileStorage', 'nodeFileSystem', 'parseJournal', 'journalText', 'entryOf', 'recordFileName', 'operationIdOf', 'maskActivationCodesIn'],
};

async function load(subpath: string): Promise<Record<string, unknown>> {
  const entry = ENTRY_POINTS.find((candidate) => candidate.subpath === subpath);
  if (entry === undefined) throw new Error(`no entry point ${subpath} in scripts/entryPoints.ts`);
  return (await import(`${ROOT}${entry.source}`)) as Record<string, unknown>;
}

describe('package entry points', () => {
  it('names exactly the documented entry points, the browser script and package.json', () => {
    expect(Object.keys(manifest.exports).sort()).toEqual([...ENTRY_POINTS.map((entry) => entry.subpath), BROWSER_SUBPATH, WEBVIEW_PAGE_SUBPATH, PATHS_SCHEMA.subpath, './package.json'].sort());
    expect(ENTRY_POINTS.map((entry) => entry.subpath).sort()).toEqual(Object.keys(DOCUMENTED).sort());
  });

  it.each(ENTRY_POINTS.map((entry) => [entry.subpath, entry] as const))('%s points types and import at its built files in dist/', (subpath, entry) => {
    expect(manifest.exports[subpath]).toEqual({ types: `./dist/${entry.name}.d.ts`, import: `./dist/${entry.name}.js` });
  });

  it('the root entry point is also main/types, the browser script is dist/browser/mobile-plans-sim.js, the web-view page script beside it', () => {
    expect([manifest.main, manifest.types]).toEqual(['./dist/index.js', './dist/index.d.ts']);
    expect(manifest.exports[BROWSER_SUBPATH]).toBe('./dist/browser/mobile-plans-sim.js');
    expect(manifest.exports[WEBVIEW_PAGE_SUBPATH]).toBe('./dist/browser/mobile-plans-webview.js');
  });

  it('xstate is an optional peer dependency, not a dependency', () => {
    expect(manifest.dependencies).not.toHaveProperty('xstate');
    expect(manifest.peerDependencies).toHaveProperty('xstate');
    expect(manifest.peerDependenciesMeta?.['xstate']?.optional).toBe(true);
  });

  it.each(Object.entries(DOCUMENTED))('%s offers its documented names', async (subpath, names) => {
    const module = await load(subpath);
    for (const name of names) expect(`${subpath} ${name}: ${typeof module[name]}`).not.toMatch(/: undefined$/);
  });

  it.each(Object.entries(INTERNAL))('%s keeps its internals inside', async (subpath, names) => {
    const module = await load(subpath);
    expect(names.filter((name) => name in module)).toEqual([]);
  });

  it.each(Object.keys(DOCUMENTED))('%s exports no function or object under two names', async (subpath) => {
    const module = await load(subpath);
    const byValue = new Map<unknown, string[]>();
    for (const [name, value] of Object.entries(module)) {
      if ((typeof value === 'object' && value !== null) || typeof value === 'function') byValue.set(value, [...(byValue.get(value) ?? []), name]);
    }
    // The exception is the spec's own: each generation's page sees one enum object under its own
    // global name (DataMartLineType and MobilePlansLineType are the same values), see ENUM_OBJECTS.
    const specNames = new Set(Object.keys(ENUM_OBJECTS));
    const twice = [...byValue.values()].filter((names) => names.length > 1 && !names.every((name) => specNames.has(name)));
    expect(twice).toEqual([]);
  });

  it.each(ENTRY_POINTS.map((entry) => [entry.subpath, entry.source] as const))('%s lists its exports explicitly (%s has no export *)', (_subpath, source) => {
    expect(readFileSync(`${ROOT}${source}`, 'utf8')).not.toMatch(/^export (type )?\*/m);
  });
});
