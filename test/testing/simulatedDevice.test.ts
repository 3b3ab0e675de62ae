import { describe, expect, it } from 'vitest';
import { createSimulatedDevice } from '../../src/sim/device/index';
import { conformanceCases, conformanceCoverage, type CaseEnvironment, type EffectsUnderTest } from './kit';

/*
 * The conformance kit covers every machine (it prints its coverage table), and the simulated
 * device passes every case: every flow, every generated path.
 */

const simulatedDevice = ({ profiles }: CaseEnvironment): EffectsUnderTest => {
  const device = createSimulatedDevice({ registration: 'none', profiles: profiles.map((iccid) => ({ iccid })) });
  return { effects: device.effects, clock: device.clock, attach: (host) => device.attach(host) };
};

const coverage = conformanceCoverage();
console.log(coverage.table);

describe('the kit covers every machine', () => {
  it('its cases visit every state and take every transition of every machine', () => {
    const missing = Object.entries(coverage.machines).flatMap(([flow, c]) => [...c.states.missing.map((s) => `${flow} state ${s}`), ...c.transitions.missing.map((t) => `${flow} ${t.source} --${t.event}--> ${t.target}`)]);
    expect(missing).toEqual([]);
    expect(Object.keys(coverage.machines)).toHaveLength(7);
  });

  it('names every case differently', () => {
    const names = conformanceCases({ makeEffects: simulatedDevice, restarts: true }).map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('the simulated device conforms', () => {
  for (const c of conformanceCases({ makeEffects: simulatedDevice })) it(c.name, c.run);
});

