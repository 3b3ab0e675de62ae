import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FLOW_NAMES } from '../machines/index';
import { coverageReport, formatCoverage } from '../src/testing/coverage';
import { describeTransition } from '../src/testing/machineModel';

/*
 * State and transition coverage of every machine by the generated paths that the per-machine
 * files run: printed, written to model-tests/coverage.json, and required to be 100%.
 */

const report = coverageReport();
const file = fileURLToPath(new URL('./coverage.json', import.meta.url));
writeFileSync(file, `${JSON.stringify({ generatedBy: 'model-tests/coverage.test.ts', machines: report }, null, 2)}\n`);
console.log(formatCoverage(report));

describe('generated paths cover every machine', () => {
  for (const flow of FLOW_NAMES) {
    it(`${flow}: every state and every transition (source, event, guard, target) is on a generated path`, () => {
      const c = report[flow]!;
      expect(c.states.missing, 'states no path visits').toEqual([]);
      expect(c.transitions.missing.map(describeTransition), 'transitions no path takes').toEqual([]);
      expect(c.states.covered.length).toBe(c.states.total);
      expect(c.transitions.covered.length).toBe(c.transitions.total);
    });
  }
});
