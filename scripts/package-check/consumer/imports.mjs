// Run with plain `node` in a project that installed only the tarball: every entry point loads and
// offers its main names. ./machines needs the optional peer xstate, so it comes in a second run.
import assert from 'node:assert/strict';

const EXPECTED = {
  'mobile-plans-fulfillment': ['createHost', 'step', 'createState', 'flows', 'FLOW_NAMES', 'parseActivationCode', 'validateMetadata', 'roundDelay'],
  'mobile-plans-fulfillment/portal': ['createPortalApi', 'MobilePlansSecurityError'],
  'mobile-plans-fulfillment/sim': ['startSimulator', 'createSimulatedDevice'],
  'mobile-plans-fulfillment/descriptions': ['ACTIVATION_ERROR_DESCRIPTIONS'],
  'mobile-plans-fulfillment/machines': ['machines', 'machinesFor', 'flowMachine', 'flows'],
  'mobile-plans-fulfillment/testing': ['conformanceCases', 'conformanceCoverage', 'pathsFor', 'ConformanceError'],
  'mobile-plans-fulfillment/webview': ['createWebViewEndpoint', 'nativeTransport', 'electronTransport', 'playwrightTransport', 'cdpTransport', 'pageScriptUrl'],
  'mobile-plans-fulfillment/node': ['fileStorage', 'createScheduler', 'consoleReporter', 'FileStorageError'],
};
/** The entry points that need the optional peer xstate. */
const NEED_XSTATE = ['mobile-plans-fulfillment/machines', 'mobile-plans-fulfillment/testing'];

const withMachines = process.argv.includes('--machines');
for (const [specifier, names] of Object.entries(EXPECTED)) {
  if (NEED_XSTATE.includes(specifier) && !withMachines) continue;
  const module = await import(specifier);
  for (const name of names) assert.notEqual(module[name], undefined, `${specifier} has no ${name}`);
  console.log(`${specifier}: ${Object.keys(module).length} names`);
}
if (!withMachines) {
  // Without xstate installed, ./machines says what is missing (and nothing else needed it).
  for (const specifier of NEED_XSTATE) {
    await assert.rejects(import(specifier), (error) => error.code === 'ERR_MODULE_NOT_FOUND' && /'xstate'/.test(error.message));
    console.log(`${specifier}: needs xstate (not installed), as documented`);
  }
}
// The simulator script and package.json resolve as files.
for (const specifier of ['mobile-plans-fulfillment/browser', 'mobile-plans-fulfillment/webview-page', 'mobile-plans-fulfillment/testing/paths.schema.json', 'mobile-plans-fulfillment/package.json']) console.log(`${specifier}: ${import.meta.resolve(specifier)}`);
