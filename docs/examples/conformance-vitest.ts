// The conformance kit under vitest: save as e.g. test/conformance.test.ts and run `npx vitest run`.
// In your project, import from 'mobile-plans-fulfillment/testing' and 'mobile-plans-fulfillment/sim'.
import { describe, it } from 'vitest';
import { createSimulatedDevice } from '../../src/sim/index';
import { conformanceCases, conformanceCoverage } from '../../src/testing/index';

// Your effects go here: fresh ones per case, on the kit's clock or on your own virtual clock.
const makeEffects = ({ profiles }: { profiles: readonly string[] }) => {
  const device = createSimulatedDevice({ registration: 'none', profiles: profiles.map((iccid) => ({ iccid })) });
  return { effects: device.effects, clock: device.clock, attach: device.attach };
};

console.log(conformanceCoverage().table);
describe('our effects conform', () => {
  for (const c of conformanceCases({ makeEffects, restarts: true })) it(c.name, c.run);
});
