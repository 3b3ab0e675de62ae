import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/*
 * Four tiers, each a vitest project: `npm test` runs them all; `npm run test:<tier>` runs one.
 * unit is the edit-test loop (seconds); model is the generated, exhaustive and property suites; browser
 * and e2e launch Chromium, so only they run the global setup that finds (and for the packaged
 * browser, unpacks) it.
 */

/** Headless-Chromium tests: the simulator bundle, the spec's examples in a page, the Mermaid render. */
const BROWSER = ['test/browser/**/*.test.ts', 'test/docs/diagrams.test.ts'];
/** The package from outside: the CLI as a process and its commands, the generated docs, the playground. */
const E2E = ['test/e2e/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/docs/**/*.test.ts'];
/**
 * Exhaustive products outside model-tests/: every portal entry point × every kind of hostile
 * argument, each run to the end on the simulated device (500-odd worlds, half the unit tier's
 * time), and the conformance kit's own suites (every generated path against several Effects
 * implementations), so they run with the model tier, like its faults product.
 */
const PRODUCTS = ['test/portal/hostile.test.ts', 'test/testing/**/*.test.ts'];
const FINDS_CHROMIUM = ['test/support/globalSetup.ts'];

export default defineConfig({
  // The examples in docs/ import the package by its name, as a user's code does; the tests run
  // them against the sources (tsconfig.json's paths does the same for tsc), never against a
  // dist/ that a fresh clone has not built. The package check runs the built package.
  resolve: {
    alias: [
      { find: /^mobile-plans-fulfillment$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
      { find: /^mobile-plans-fulfillment\/node$/, replacement: fileURLToPath(new URL('./src/node/index.ts', import.meta.url)) },
      { find: /^mobile-plans-fulfillment\/webview$/, replacement: fileURLToPath(new URL('./src/webview/index.ts', import.meta.url)) },
    ],
  },
  test: {
    testTimeout: 30_000,
    // On CI also write the results as JSON, so .ci/run can print a plain "N passed, N failed" line.
    reporters: process.env['CI'] ? ['default', 'json'] : ['default'],
    outputFile: { json: 'artifacts/test-results.json' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'machines/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...BROWSER, ...E2E, ...PRODUCTS],
          // One module graph per worker instead of one per file: importing the core and the
          // simulator again for each of the 40-odd files took most of the tier's time. Safe
          // because these tests mock nothing and change no globals; a test that must do either
          // belongs in another tier.
          isolate: false,
        },
      },
      { extends: true, test: { name: 'model', include: ['model-tests/**/*.test.ts', ...PRODUCTS] } },
      { extends: true, test: { name: 'browser', include: BROWSER, globalSetup: FINDS_CHROMIUM } },
      { extends: true, test: { name: 'e2e', include: E2E, exclude: BROWSER, globalSetup: FINDS_CHROMIUM } },
    ],
  },
});
