// The conformance kit as our tests import it. These two lines switch to the packed package
// ('mobile-plans-fulfillment/testing', and its paths.schema.json) once it is built.
export { conformanceCases, conformanceCoverage, ConformanceError, pathsFor, PATHS_FORMAT } from '../../src/testing/index';
export type { CaseEnvironment, ConformanceCase, EffectsUnderTest, FlowPaths } from '../../src/testing/index';
export const PATHS_SCHEMA_URL = new URL('../../src/testing/paths.schema.json', import.meta.url);
