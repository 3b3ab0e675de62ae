import { expect, it } from 'vitest';
import { DORMANT_ICCID } from '../portal/page';
import { describeSpecExamples, drive, expectationFor, expectItDoes, scriptsFor, simulatorOptionsFor } from '../portal/specExamples';
import { openWebViewPage } from './webViewPage';

/*
 * The spec's own examples, unchanged, in a web view: the page script's objects in the page, the
 * host behind an asynchronous transport. The same examples and expectations as the in-realm
 * bridge's suite (test/portal/spec-examples.test.ts).
 */
describeSpecExamples("the spec's own JavaScript examples, run unchanged in a web view", (specFiles) => {
  for (const file of specFiles) {
    for (const [index, example] of file.examples.entries()) {
      const expected = expectationFor(example);
      it(`${file.prefix} example ${index + 1} ${expected.says}`, async () => {
        const page = await openWebViewPage({ device: { profiles: [{ iccid: DORMANT_ICCID }], lpa: { discover: { profileReady: true } } }, ...simulatorOptionsFor(expected) });
        try {
          for (const script of scriptsFor(file, index)) page.run(script.code, script.filename);
          await page.settle();
          await drive(
            {
              advance: async (minutes) => {
                await page.ref.advance(minutes);
                await page.settle();
              },
              acceptToast: () => page.ref.acceptToast(),
            },
            expected.drive,
          );
          await page.settle();
          expectItDoes({ log: page.log, operations: page.ref.host.operations(), reportCount: page.ref.reports().length, notices: page.ref.diagnostics() }, expected);
          expect(page.warnings).toEqual([]);
        } finally {
          page.close();
        }
      });
    }
  }
});
