// @ts-check
/**
 * Mutation testing (`npm run test:mutation`): Stryker changes the code of the domain, the core,
 * the flow definitions and the host one small way at a time and runs the unit tier against
 * each change; a change no test notices is a survivor. Incremental: the results of the last
 * full run are kept in .stryker/incremental.json (committed), so a run re-tests only mutants in
 * code or tests that changed since. `--force` re-tests everything.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: ['src/domain/**/*.ts', 'src/core/**/*.ts', 'machines/**/*.ts', 'src/host/**/*.ts', '!**/*.test.ts'],
  coverageAnalysis: 'perTest',
  // A static mutant (module-level code: the flow tables, enum lists, module-level regexes) can only
  // be tested by reloading every module and running every related test; ignored unless
  // STRYKER_STATIC=1 (decisions.md#d72-static-mutants-are-left-to-an-occasional-deep-run).
  ignoreStatic: process.env['STRYKER_STATIC'] !== '1',
  incremental: true,
  incrementalFile: '.stryker/incremental.json',
  // Two cores shared with other work: more workers only queue up.
  concurrency: 2,
  // A busy machine runs slow; a timed-out mutant counts as detected, so be generous.
  timeoutMS: 10_000,
  reporters: ['progress', 'clear-text', 'html', 'json'],
  htmlReporter: { fileName: 'artifacts/mutation/index.html' },
  jsonReporter: { fileName: 'artifacts/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // The per-folder thresholds are checked by scripts/mutation-scores.ts; this is only the floor.
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker/tmp',
  cleanTempDir: 'always',
};
