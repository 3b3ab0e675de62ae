import { describe, expect, it } from 'vitest';
import { createSimulatedDevice } from '../../src/sim/device/index';
// The kit as a user imports it; the lead switches this one line to the packed package.
import { conformanceCases, conformanceCoverage, ConformanceError, type CaseEnvironment, type ConformanceCase, type EffectsUnderTest } from '../../src/testing/index';
import { independentEffects, type Breakage } from './independentDevice';

/*
 * The conformance kit against three kinds of effects: the simulated device (every flow, every
 * generated path), a second, independent implementation written from the contract alone (with a
 * restart at every step boundary), and that implementation broken on purpose in three ways,
 * where the kit must fail and name the path and the step.
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

describe('an independent implementation of Effects conforms, restarts included', () => {
  // Every path uninterrupted; the restart cases of the shortest paths (those of every path, 36 s more, pass too).
  const makeEffects = (env: CaseEnvironment) => independentEffects(env);
  const restartCases = conformanceCases({ makeEffects, paths: 'shortest', restarts: true }).filter((c) => c.name.startsWith('restarts: '));
  for (const c of [...conformanceCases({ makeEffects }), ...restartCases]) it(c.name, c.run);
});

/** Run cases, collecting how each failed. */
async function failures(cases: readonly ConformanceCase[]): Promise<Array<{ name: string; error: unknown }>> {
  const failed: Array<{ name: string; error: unknown }> = [];
  for (const c of cases) await c.run().catch((error: unknown) => failed.push({ name: c.name, error }));
  return failed;
}

const BROKEN: ReadonlyArray<{ what: string; breakage: Breakage; flows: ConformanceCase['flow'][]; restarts: boolean; problem: RegExp }> = [
  { what: 'a scheduler that ignores clear', breakage: { schedulerIgnoresClear: true }, flows: ['delayedDownload'], restarts: false, problem: /the scheduler fired timer \S+ \(set for [^)]+\) although the host cleared it at step \d+ of \d+ \(portal\.cancel → cancelled\)/ },
  { what: 'an LPA whose download is not idempotent', breakage: { downloadNotIdempotent: true }, flows: ['inlineDownload'], restarts: true, problem: /lpa\.download is not idempotent: the same activation code, downloaded again, installed a second profile/ },
  { what: 'a storage that loses the last save', breakage: { storageLosesLastSave: true }, flows: ['inlineDownload'], restarts: true, problem: /the operations after a restart \(the document the storage loaded\): expected/ },
];

describe('broken effects fail, naming the path and the step', () => {
  for (const { what, breakage, flows, restarts, problem } of BROKEN) {
    it(`${what} fails the kit`, async () => {
      const options = { flows, paths: 'shortest', restarts } as const;
      const healthy = await failures(conformanceCases({ ...options, makeEffects: (env) => independentEffects(env) }));
      expect(healthy, 'the same cases pass when nothing is broken').toEqual([]);
      const failed = await failures(conformanceCases({ ...options, makeEffects: (env) => independentEffects(env, breakage) }));
      expect(failed.length, `${what}: failing cases`).toBeGreaterThan(0);
      const first = failed[0]!;
      expect(first.error).toBeInstanceOf(ConformanceError);
      const message = (first.error as ConformanceError).message;
      console.log(`${what}: ${failed.length} failing cases; the first says:\n${message}`);
      expect(message.startsWith(first.name.replace(/^restarts: /, 'restarts: '))).toBe(true);
      expect(message).toMatch(/: step \d+ of \d+ \([a-zA-Z.]+ → [a-zA-Z]+\)|after the last step \(\d+\)/);
      expect(failed.some((f) => problem.test((f.error as Error).message)), `some failure says ${problem}`).toBe(true);
    });
  }
});

describe('bad options and effects that hang get clear errors', () => {
  it('refuses an unknown flow, an unknown path kind and a missing makeEffects with a TypeError', () => {
    const makeEffects = (env: CaseEnvironment) => independentEffects(env);
    expect(() => conformanceCases({ makeEffects, flows: ['inline' as never] })).toThrow(new TypeError('unknown flow "inline"; the flows are inlineDownload, delayedDownload, asyncConnectivity, delayedProfile, balanceAddition, cancelledPurchase, legacyResult'));
    expect(() => conformanceCases({ makeEffects, paths: 'all' as never })).toThrow(/paths must be 'shortest' or 'simple', got "all"/);
    expect(() => conformanceCases({} as never)).toThrow(TypeError);
  });

  it('fails a case whose storage never answers, naming the effect, instead of hanging', async () => {
    const [first] = conformanceCases({
      flows: ['cancelledPurchase'],
      answerLimitMs: 50,
      makeEffects: (env) => {
        const { effects } = independentEffects(env);
        return { effects: { ...effects, storage: { load: () => new Promise<null>(() => {}), save: effects.storage!.save } } };
      },
    });
    await expect(first!.run()).rejects.toThrow(/starting the host:\n {2}- .*storage\.load.* did not answer within 50 ms/);
  });
});
