import { describe, expect, it } from 'vitest';
import { FLOW_NAMES } from '../machines/index';
import { generatedPaths, pathName } from '../src/testing/paths';
import { SCENARIOS } from '../src/testing/scenarios';

/*
 * The generated path tests are named by end state and events (pathName), not by xstate's
 * description with a JSON context per state: the names must stay short enough to read in a
 * terminal and still tell every path of a scenario apart.
 */

describe('generated path test names', () => {
  for (const flow of FLOW_NAMES) {
    it(`${flow}: one name per path of each scenario, no JSON, under 400 characters`, () => {
      for (const scenario of SCENARIOS[flow]) {
        const names = generatedPaths(flow)
          .filter((generated) => generated.scenario === scenario)
          .map((generated) => pathName(generated));
        expect(new Set(names).size, scenario.name).toBe(names.length);
        expect(names.filter((name) => name.includes('{') || name.length >= 400)).toEqual([]);
      }
    });
  }
});
