import { describe, expect, it } from 'vitest';
import { expandDeadlines, runnableFlow } from './deadline';
import { DEFAULT_TIMING, defineFlow, initialContext } from './definition';
import { flows } from './flows';
import { updatesFor } from './runtime';
import type { FlowContext } from './types';

/*
 * The one expansion of a state's deadline (decision D62): what each runtime is given for a
 * state that waits on the clock, and for the transitions into it.
 */

const ended = { type: 'final', entry: { type: 'report', params: { outcome: 'expired', activationResult: null } } } as const;
const waits = defineFlow({
  id: 'delayedDownload',
  initial: 'received',
  states: {
    received: { on: { 'operation.start': { target: 'waiting', actions: 'returnToApp' }, 'portal.cancel': 'waiting' } },
    waiting: {
      entry: 'showToast',
      exit: 'hideToast',
      deadline: { after: 'toastLifetime', target: 'expired', actions: 'countDiscovery', first: { guard: 'registrationTimedOutWithAttemptsLeft', target: 'received' } },
      on: { 'user.startDownload': 'expired' },
    },
    expired: ended,
  },
});

describe('expandDeadlines', () => {
  // Expanded inside each test, never at collection: mutation testing counts only what a test runs.
  const statesOf = () => expandDeadlines(waits).states;

  it('sets the deadline after the actions of every transition into the state, the shorthand ones too', () => {
    const states = statesOf();
    expect(states['received']!.on['operation.start']).toEqual([{ target: 'waiting', actions: ['returnToApp', { type: 'setDeadline', params: { after: 'toastLifetime' } }] }]);
    expect(states['received']!.on['portal.cancel']).toEqual([{ target: 'waiting', actions: [{ type: 'setDeadline', params: { after: 'toastLifetime' } }] }]);
  });

  it('arms it last on entry and clears it last on exit, around the state\'s own actions', () => {
    const states = statesOf();
    const { entry, exit } = states['waiting']!;
    expect(entry.map((a) => (typeof a === 'string' ? a : a.type))).toEqual(['showToast', 'armDeadline']);
    expect(exit).toEqual(['hideToast', 'clearDeadline', 'noDeadline']);
    const arm = entry[1] as unknown as { params: (args: { context: FlowContext }) => unknown };
    const context = { ...initialContext({ operationId: 'op-1', now: 0, delayMs: 0 }), deadline: 1234 };
    expect(arm.params({ context })).toEqual({ at: 1234 });
  });

  it('takes timer.fired after the state\'s own inputs: the first candidates, then deadlinePassed to the target', () => {
    const states = statesOf();
    expect(Object.keys(states['waiting']!.on)).toEqual(['user.startDownload', 'timer.fired']);
    expect(states['waiting']!.on['timer.fired']).toEqual([
      { target: 'received', guard: 'registrationTimedOutWithAttemptsLeft', actions: [] },
      { target: 'expired', guard: 'deadlinePassed', actions: ['countDiscovery'] },
    ]);
  });

  it('leaves states without a deadline as they are, every list a list', () => {
    const states = statesOf();
    expect(states['expired']).toEqual({ type: 'final', entry: [ended.entry], exit: [], on: {} });
    expect(states['waiting']!.on['user.startDownload']).toEqual([{ target: 'expired', actions: [] }]);
  });

  it('refuses a deadline on the initial state, which no transition would set', () => {
    const bounded = defineFlow({ id: 'cancelledPurchase', initial: 'received', states: { received: { deadline: { after: 'delay', target: 'done' } }, done: ended } });
    expect(() => expandDeadlines(bounded)).toThrow('cancelledPurchase: the initial state received cannot have a deadline');
  });

  it('is made once per definition for the runtimes', () => {
    expect(runnableFlow(flows.delayedDownload)).toBe(runnableFlow(flows.delayedDownload));
    expect(runnableFlow(flows.delayedDownload)).toEqual(expandDeadlines(flows.delayedDownload));
  });
});

describe('the registration wait', () => {
  const at = (registrationAttempts: number) =>
    updatesFor(DEFAULT_TIMING).setDeadline({ context: { ...initialContext({ operationId: 'op-1', now: 0, delayMs: 1_800_000 }), registrationAttempts }, event: { type: 'lpa.enabled', now: 1000 } }, { after: 'registrationWait' });

  it('is the interval before the first attempt, and the retry interval after a failed one', () => {
    expect(at(0)).toEqual({ deadline: 1000 + 1_800_000 });
    expect(at(1)).toEqual({ deadline: 1000 + DEFAULT_TIMING.registrationRetryMs });
    expect(at(3)).toEqual({ deadline: 1000 + DEFAULT_TIMING.registrationRetryMs });
  });
});

describe('expandDeadlines leaves out what a flow does not give', () => {
  it('writes no target, guard or type key for a transition or state without one', () => {
    const flow = defineFlow({
      id: 'delayedDownload',
      initial: 'received',
      states: {
        received: { on: { 'user.startDownload': { actions: 'showToast' }, 'operation.start': 'done' } },
        done: { type: 'final' },
      },
    });
    const states = expandDeadlines(flow).states;
    expect(Object.keys(states['received']!)).toEqual(['entry', 'exit', 'on']);
    expect(Object.keys(states['done']!)).toEqual(['type', 'entry', 'exit', 'on']);
    expect(Object.keys(states['received']!.on['user.startDownload']![0]!)).toEqual(['actions']);
    expect(Object.keys(states['received']!.on['operation.start']![0]!)).toEqual(['target', 'actions']);
  });
});
