import { describe, it } from 'vitest';
import type { FlowName } from '../machines/types';
import { runPath } from './pathRun';
import { generatedPaths, pathName } from '../src/testing/paths';
import { SCENARIOS } from '../src/testing/scenarios';

/**
 * The generated path tests of one flow: one `describe` per scenario (machine input), one `it`
 * per generated path, named by its end state and events, driving the real host on the simulated device.
 */
export function describeGeneratedPaths(flow: FlowName): void {
  const paths = generatedPaths(flow);
  for (const scenario of SCENARIOS[flow]) {
    describe(`${flow}, ${scenario.name}`, () => {
      for (const generated of paths.filter((p) => p.scenario === scenario)) {
        it(pathName(generated), async () => {
          await runPath(generated);
        });
      }
    });
  }
}
