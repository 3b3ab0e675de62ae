import { describe, expect, it } from 'vitest';
import { FLOW_NAMES } from '../machines/index';
import { runPath } from './pathRun';
import { generatedPaths, pathName } from '../src/testing/paths';
import { SCENARIOS } from '../src/testing/scenarios';

/*
 * Crash and restore: every generated path, with a host restart injected at each step boundary
 * in turn (persist, drop the host, start a new one from the stored document on the same
 * device). Each run must end exactly as the uninterrupted path: same operations, reports,
 * callbacks and eUICC profiles (one per code), deadlines at their original times; and right
 * after the restart the host must show the same state and re-run only the current state's
 * entry effects (PathRun.restart checks that).
 */

const runs = FLOW_NAMES.reduce((n, flow) => n + generatedPaths(flow).reduce((m, g) => m + 1 + g.path.steps.length, 0), 0);
console.log(`crash-restore: ${runs} runs (every generated path uninterrupted, then once per step boundary with a restart there)`);

for (const flow of FLOW_NAMES) {
  for (const scenario of SCENARIOS[flow]) {
    describe(`${flow}, ${scenario.name}: a restart at every step boundary changes nothing`, () => {
      for (const generated of generatedPaths(flow).filter((p) => p.scenario === scenario)) {
        it(pathName(generated), async () => {
          const uninterrupted = (await runPath(generated)).worldAtEnd();
          const boundaries = generated.path.steps.length;
          for (let restartAt = 0; restartAt < boundaries; restartAt++) {
            // The steps before the restart are the uninterrupted run's, checked above: check from the restart on.
            const run = await runPath(
              generated,
              async (r, boundary) => {
                if (boundary === restartAt) await r.restart();
              },
              restartAt,
            );
            expect(run.world.restarts).toBe(1);
            expect(run.worldAtEnd(), `restart after step ${restartAt}`).toEqual(uninterrupted);
          }
        });
      }
    });
  }
}
