import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import vm from 'node:vm';
import type { FlowName } from '../machines/types';
import { settleMicrotasks } from '../src/sim/device/index';
import { activationCallbacks, CASES, CONFIRMATION_ERRORS, expectFailed, FAILURES, faultWorld, handOff, MAX_CONFIRMATION_ATTEMPTS, MAX_DISCOVERY_ATTEMPTS, scenario, type FaultWorld } from './faultCases';
import { MINUTE } from '../src/testing/scenarios';

/*
 * Fault injection: every activation error the LPA can return, in every flow at every LPA call
 * that downloads or enables (and the profile query and SM-DS discovery), through the real host
 * on the simulated device answering at once. The portal hears the error in
 * profileActivationComplete, the report says failed with it, the flow ends in `failed`;
 * confirmation-code errors from a download prompt the user instead while attempts are left.
 * Then the same places with hostile answers (throws, rejections with values that cannot be
 * read, nonsense resolutions, thenables, another realm's promises, no answer at all): each
 * fails its operation with unknownError and frees the LPA. A table of kinds × flows is printed.
 */

const delayedProfile = scenario('delayedProfile', 'interval 15');

describe('fault injection: every activation error at every LPA call', () => {
  for (const c of CASES) {
    describe(`${c.flow} (${c.how}): the ${c.phase} call fails`, () => {
      for (const error of FAILURES) {
        const prompts = c.phase === 'download' && CONFIRMATION_ERRORS.includes(error);
        it(prompts ? `${error}: prompts for the confirmation code while attempts are left, then fails` : `${error}: profileActivationComplete(${error}), report failed, state failed`, async () => {
          const w = await faultWorld(c.profiles);
          c.run(w, () => w.device.lpa.setOutcome(c.phase, error));
          if (prompts) {
            for (let attempt = 1; attempt <= MAX_CONFIRMATION_ATTEMPTS; attempt++) {
              expect(w.host.operations().find((o) => o.id === w.operationId)).toMatchObject({ state: 'confirmationCode', live: true });
              expect(w.device.ui.prompt(w.operationId), `prompt ${attempt}`).toBe(attempt);
              expect(activationCallbacks(w), 'no callback while the user is asked').toEqual([]);
              expect(w.reports).toEqual([]);
              w.device.lpa.setOutcome('download', error);
              w.device.user.confirmationCode(w.operationId, '0000');
            }
          }
          expectFailed(w, c, error);
          count(c.flow, 'activation error', w);
        });
      }
    });
  }

  describe('delayedProfile: the SM-DS discovery fails', () => {
    for (const error of FAILURES) {
      it(`${error}: discovery is retried on its schedule, then the operation fails with it`, async () => {
        const w = await faultWorld();
        for (let i = 0; i < MAX_DISCOVERY_ATTEMPTS; i++) w.device.lpa.setOutcome('discover', error);
        handOff(w, delayedProfile);
        w.device.clock.advance(15 * MINUTE);
        for (let attempt = 2; attempt <= MAX_DISCOVERY_ATTEMPTS; attempt++) {
          expect(w.host.operations()[0]).toMatchObject({ state: 'retryingDiscovery', live: true });
          expect(w.reports).toEqual([]);
          w.device.clock.advance(15 * MINUTE);
        }
        expect(activationCallbacks(w)).toEqual([{ args: { activationResult: error, iccid: '' }, delivered: false }]);
        expect(w.reports).toEqual([expect.objectContaining({ flow: 'delayedProfile', outcome: 'failed', activationResult: error })]);
        expect(w.host.operations()[0]).toMatchObject({ state: 'failed', live: false });
        count('delayedProfile', 'activation error', w);
      });
    }
  });
});

const LPA_TIMEOUT_MS = 1_000;

const unreadable = (name: string) =>
  Object.defineProperty({}, name, {
    get() {
      throw new Error(`reading ${name} throws`);
    },
  });
const trap = () => {
  throw new Error('a trap throws');
};
const hostileProxy = () => new Proxy({}, { get: trap, has: trap, getPrototypeOf: trap, ownKeys: trap, getOwnPropertyDescriptor: trap });

/** Hostile LPA behaviours; `answers` ones are valid for `enable` (it resolves with anything), so they skip it. */
const HOSTILE: ReadonlyArray<{ readonly kind: string; readonly answer: () => unknown; readonly answers?: true; readonly hangs?: true }> = [
  { kind: 'throws Object.create(null)', answer: () => { throw Object.create(null); } },
  { kind: 'rejects with a Proxy', answer: () => Promise.reject(hostileProxy()) },
  { kind: 'rejects, message getter throws', answer: () => Promise.reject(unreadable('message')) },
  { kind: 'rejects, activationError getter throws', answer: () => Promise.reject(unreadable('activationError')) },
  { kind: 'rejects with undefined', answer: () => Promise.reject(undefined) },
  { kind: "another realm's promise rejects", answer: () => vm.runInNewContext('Promise.reject(Object.create(null))') },
  { kind: 'thenable whose then throws', answer: () => ({ then: trap }) },
  { kind: 'resolves null', answer: () => Promise.resolve(null), answers: true },
  { kind: "resolves { iccid: '__proto__' }", answer: () => Promise.resolve({ iccid: '__proto__' }), answers: true },
  { kind: 'answers a Proxy synchronously', answer: hostileProxy, answers: true },
  { kind: 'never answers', answer: () => new Promise(() => {}), hangs: true },
];

interface Tally {
  runs: number;
  crashes: number;
  wedged: number;
  lost: number;
}
const table = new Map<string, Tally>();
let unhandled = 0;
const onUnhandled = (): void => void (unhandled += 1);

/** Count one run: crashed (an exception escaped), wedged (still live, or the LPA held), lost (no report). */
function count(flow: FlowName, kind: string, w: FaultWorld | null): void {
  const key = `${kind}|${flow}`;
  let t = table.get(key);
  if (t === undefined) table.set(key, (t = { runs: 0, crashes: 0, wedged: 0, lost: 0 }));
  t.runs += 1;
  if (w === null) {
    t.crashes += 1;
    return;
  }
  if (w.host.operations().some((o) => o.live) || w.host.state().lpa.active !== null) t.wedged += 1;
  if (w.reports.filter((r) => r.operationId === w.operationId).length !== 1) t.lost += 1;
}

beforeAll(() => void process.on('unhandledRejection', onUnhandled));
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  const kinds = [...new Set([...table.keys()].map((k) => k.split('|')[0]!))];
  const flows = [...new Set([...table.keys()].map((k) => k.split('|')[1]!))];
  const sum = [...table.values()].reduce((a, t) => ({ runs: a.runs + t.runs, crashes: a.crashes + t.crashes, wedged: a.wedged + t.wedged, lost: a.lost + t.lost }), { runs: 0, crashes: 0, wedged: 0, lost: 0 });
  const rows = kinds.map((kind) => {
    const ts = flows.map((flow) => table.get(`${kind}|${flow}`)).filter((t): t is Tally => t !== undefined);
    const r = ts.reduce((a, t) => ({ runs: a.runs + t.runs, crashes: a.crashes + t.crashes, wedged: a.wedged + t.wedged, lost: a.lost + t.lost }), { runs: 0, crashes: 0, wedged: 0, lost: 0 });
    return `| ${kind} | ${ts.length} | ${r.runs} | ${r.crashes} | ${r.wedged} | ${r.lost} |`;
  });
  console.log(
    [
      `fault injection: ${sum.runs} runs, ${kinds.length} kinds × ${flows.length} flows; crashes ${sum.crashes + unhandled} (unhandled rejections ${unhandled}), wedged ${sum.wedged}, lost ${sum.lost}`,
      '| kind | flows | runs | crashes | wedged | lost |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
    ].join('\n'),
  );
});

describe('fault injection: hostile LPA answers at every LPA call', () => {
  for (const c of CASES) {
    describe(`${c.flow} (${c.how}): the ${c.phase} call misbehaves`, () => {
      for (const h of HOSTILE) {
        if (h.answers === true && c.phase === 'enable') continue;
        it(`${h.kind}: profileActivationComplete(unknownError), report failed, the LPA free`, async () => {
          const w = await faultWorld(c.profiles, { lpaTimeoutMs: LPA_TIMEOUT_MS });
          try {
            c.run(w, () => void (w.hostile = { phase: c.phase, answer: h.answer }));
            await settleMicrotasks();
            if (h.hangs === true) await w.device.clock.advanceAsync(LPA_TIMEOUT_MS);
            await w.host.idle();
          } catch (error) {
            count(c.flow, h.kind, null);
            throw error;
          }
          count(c.flow, h.kind, w);
          expectFailed(w, c, 'unknownError');
          expect(w.host.state().lpa.active, 'the LPA is free').toBeNull();
          expect(unhandled, 'no unhandled rejection').toBe(0);
        });
      }
    });
  }
});
