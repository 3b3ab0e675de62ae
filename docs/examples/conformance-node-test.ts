// The conformance kit under node:test: `node --import tsx --test docs/examples/conformance-node-test.ts`.
// In your project, import from 'mobile-plans-fulfillment/testing' and 'mobile-plans-fulfillment/sim'.
import { describe, it } from 'node:test';
import { createSimulatedDevice } from '../../src/sim/index';
import { conformanceCases, conformanceCoverage } from '../../src/testing/index';

// Your effects go here: fresh ones per case, on the kit's clock or on your own virtual clock.
const makeEffects = ({ profiles }: { profiles: readonly string[] }) => {
  const device = createSimulatedDevice({ registration: 'none', profiles: profiles.map((iccid) => ({ iccid })) });
  return { effects: device.effects, clock: device.clock, attach: device.attach };
};

const options = { flows: ['delayedDownload'] } as const; // leave out flows for all seven; add restarts: true for a restart at every step
console.log(conformanceCoverage(options).table);
describe('our effects conform', () => {
  for (const c of conformanceCases({ ...options, makeEffects })) it(c.name, c.run);
});
