import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { ENUM_OBJECTS } from '../../src/domain/enums';
import { PORTAL_OBJECTS } from '../../src/portal/entryPoints';
import { fixture, openPortalPage } from './page';
import { describeSpecExamples, drive, expectationFor, expectItDoes, scriptsFor, simulatorOptionsFor } from './specExamples';

describeSpecExamples("the spec's own JavaScript examples, run unchanged", (specFiles) => {
  for (const file of specFiles) {
    it(`${file.prefix}: finds all ${file.expectedCount} examples`, () => {
      expect(file.examples).toHaveLength(file.expectedCount);
    });

    for (const [index, example] of file.examples.entries()) {
      const expected = expectationFor(example);
      it(`${file.prefix} example ${index + 1} ${expected.says}`, async () => {
        const page = openPortalPage(simulatorOptionsFor(expected));
        for (const script of scriptsFor(file, index)) page.run(script.code, script.filename);
        await page.settle();
        await drive(page.sim, expected.drive);
        await page.settle();

        expectItDoes({ log: page.log, operations: page.sim.operations(), reportCount: page.sim.reports().length, notices: page.notices }, expected);
      });
    }
  }

  it('the portal fixtures use every page object, enum value and metadata spelling the examples use', () => {
    const fixtures = readdirSync(fileURLToPath(new URL('../fixtures/portal/', import.meta.url)))
      .filter((name) => name.endsWith('.js'))
      .map(fixture)
      .join('\n');
    const examples = specFiles.flatMap((file) => file.examples).join('\n');
    const known = new Set<string>([...PORTAL_OBJECTS, ...Object.keys(ENUM_OBJECTS)]);
    const used = new Set([...examples.matchAll(/\b([A-Z]\w+)\.(\w+)/g)].filter((m) => known.has(m[1] ?? '')).map((m) => m[0]));
    const spellings = new Set([...examples.matchAll(/\.(line|lineType|moDirectStatus|modirectStatus) =/g)].map((m) => m[0]));
    expect(used.size).toBeGreaterThan(30);
    expect(spellings.size).toBe(4);
    expect([...used, ...spellings].filter((token) => !fixtures.includes(token))).toEqual([]);
  });
});
