/**
 * The spec's own JavaScript examples, run unchanged in headless Chromium with the simulator
 * bundle: the same examples, scripts and expectations as the node:vm test
 * (`test/portal/spec-examples.test.ts`, both from `test/portal/specExamples.ts`). Each example
 * gets a fresh browser context and page, served from 127.0.0.1 (which the simulator allows by
 * default), with the `Log` global the node test provides.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SimulatorOptions } from '../../src/sim/index';
import { DORMANT_ICCID } from '../portal/page';
import { describeSpecExamples, expectationFor, expectItDoes, scriptsFor, simulatorOptionsFor, SPEC_FILES, type Expectation, type Observed, type Step } from '../portal/specExamples';
import { BUNDLE_PATH, html, startBrowserHarness, type BrowserHarness } from './harness';

/**
 * The page: the bundle, then the harness's own state under one global out of the examples' way.
 * `Log` records, as in the node test; `start` starts the simulator with the test's options.
 */
const SPEC_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>The spec's examples (Mobile Plans simulator)</title>
  <script src="${BUNDLE_PATH}"></script>
  <script>
    window.__specHarness = (function () {
      var harness = { log: [], notices: [], sim: null };
      window.Log = function (message) { harness.log.push(String(message)); };
      harness.start = function (options) {
        harness.sim = MobilePlansSim.start(Object.assign({}, options, {
          onDiagnostic: function (notice) { harness.notices.push(notice); }
        }));
      };
      harness.settle = async function () {
        for (var i = 0; i < 8; i++) await Promise.resolve();
      };
      harness.drive = async function (steps) {
        for (var i = 0; i < steps.length; i++) await harness.sim[steps[i].call].apply(harness.sim, steps[i].args);
      };
      harness.observe = function () {
        return { log: harness.log.slice(), operations: harness.sim.operations(), reportCount: harness.sim.reports().length, notices: harness.notices.slice() };
      };
      return harness;
    })();
  </script>
</head>
<body></body>
</html>
`;

/** The node test's page (`openPortalPage`) defaults, then the example's own options; the page's real address is checked. */
function optionsFor(expected: Expectation): SimulatorOptions {
  return {
    allowedHosts: ['portal.example.com'],
    console: false,
    device: { profiles: [{ iccid: DORMANT_ICCID }], lpa: { discover: { profileReady: true } } },
    ...simulatorOptionsFor(expected),
  };
}

let harness: BrowserHarness | undefined;
/** Why the harness did not start (no Chromium, a broken bundle): every example then fails with it, none is skipped. */
let startFailure: unknown;

beforeAll(async () => {
  if (SPEC_FILES.length === 0) return; // no corpus: nothing to run a browser for
  try {
    harness = await startBrowserHarness({ '/spec.html': html(SPEC_PAGE) }, '/spec.html');
  } catch (error) {
    startFailure = error;
  }
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

/** A fresh context and page with the simulator started; every uncaught page error is kept. */
async function openSpecPage(expected: Expectation): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  if (harness === undefined) throw startFailure ?? new Error('the browser harness did not start');
  const context = await harness.browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => void errors.push(`${error.name}: ${error.message}`));
  await page.goto(`${harness.origin}/spec.html`);
  await page.evaluate(`__specHarness.start(${JSON.stringify(optionsFor(expected))})`);
  return { page, errors, close: () => context.close() };
}

describeSpecExamples("the spec's own JavaScript examples, run unchanged in headless Chromium with the simulator bundle", (specFiles) => {
  for (const file of specFiles) {
    it(`${file.prefix}: finds all ${file.expectedCount} examples`, () => {
      expect(file.examples).toHaveLength(file.expectedCount);
    });

    for (const [index, example] of file.examples.entries()) {
      const expected = expectationFor(example);
      it(`${file.prefix} example ${index + 1} ${expected.says}`, async () => {
        const { page, errors, close } = await openSpecPage(expected);
        try {
          // Each as a classic script, unchanged: its functions and vars become the page's globals.
          for (const script of scriptsFor(file, index)) await page.addScriptTag({ content: script.code });
          await page.evaluate('__specHarness.settle()');
          const steps: readonly Step[] = expected.drive;
          await page.evaluate(`__specHarness.drive(${JSON.stringify(steps)})`);
          await page.evaluate('__specHarness.settle()');
          const observed = await page.evaluate<Observed>('__specHarness.observe()');

          expect(errors).toEqual([]);
          expectItDoes(observed, expected);
        } finally {
          await close();
        }
      });
    }
  }
});
