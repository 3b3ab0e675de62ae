// Run with plain `node` in a project that installed the tarball and xstate: the conformance kit
// (./testing), as a host engineer would use it, passes on the simulated device and fails, naming
// the path and the step, on a scheduler that ignores `clear`.
import assert from 'node:assert/strict';
import { createSimulatedDevice } from 'mobile-plans-fulfillment/sim';
import { conformanceCases, conformanceCoverage, ConformanceError } from 'mobile-plans-fulfillment/testing';

// Fresh effects per case, on the device's own virtual clock, with the profiles the kit asks for.
const simulated = ({ profiles }) => {
  const device = createSimulatedDevice({ registration: 'none', profiles: profiles.map((iccid) => ({ iccid })) });
  return { effects: device.effects, clock: device.clock, attach: device.attach };
};
const cases = conformanceCases({ makeEffects: simulated, flows: ['inlineDownload', 'delayedDownload'] });
assert.ok(cases.length > 50, `only ${cases.length} cases`);
for (const testCase of cases) await testCase.run();

const forgetful = (environment) => {
  const under = simulated(environment);
  return { ...under, effects: { ...under.effects, scheduler: { ...under.effects.scheduler, clear: () => undefined } } };
};
const failures = [];
for (const testCase of conformanceCases({ makeEffects: forgetful, flows: ['delayedDownload'] })) {
  await testCase.run().catch((error) => failures.push(error));
}
assert.ok(failures.length > 0, 'a scheduler that ignores clear passed every case');
assert.ok(failures.every((error) => error instanceof ConformanceError && /step \d+ of \d+/.test(error.message)), String(failures[0]));
console.log(`${cases.length} cases passed on the simulated device; a scheduler ignoring clear failed ${failures.length}, e.g. ${failures[0].message.split('\n')[0]}`);
console.log(conformanceCoverage().table.split('\n').at(-1));
