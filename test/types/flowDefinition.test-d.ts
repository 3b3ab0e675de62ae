import { expectTypeOf } from 'vitest';
import { DEFAULT_TIMING, defineFlow, defineState, type FlowDefinition } from '../../machines/definition';
import { guardsFor, type Guards } from '../../machines/runtime';
import { delayedDownloadFlow } from '../../machines/delayedDownload';

/*
 * Type tests, checked by `npx tsc --noEmit` (never run): a flow names only its own states and
 * only the actions, guards and timings the runtime defines (machines/runtime.ts). Each
 * `@ts-expect-error` marks the one property a misspelling must be reported on; tsc fails
 * if that line compiles.
 */

const end = defineState({ type: 'final', entry: { type: 'report', params: { outcome: 'purchaseCancelled', activationResult: null } } });

// Inferred without type arguments: the state names come from `states`.
const small = defineFlow({
  id: 'cancelledPurchase',
  initial: 'received',
  states: {
    received: { on: { 'operation.start': { target: 'waiting', actions: 'returnToApp' } } },
    waiting: { deadline: { after: 'delay', target: 'purchaseCancelled' }, on: { 'portal.cancel': 'purchaseCancelled' } },
    purchaseCancelled: end,
  },
});
expectTypeOf(small).toEqualTypeOf<FlowDefinition<'received' | 'waiting' | 'purchaseCancelled'>>();
expectTypeOf(small).toExtend<FlowDefinition>();
expectTypeOf<keyof typeof delayedDownloadFlow.states>().toExtend<string>();
expectTypeOf<'scheduled' | 'toastShown' | 'awaitingUser'>().toExtend<keyof typeof delayedDownloadFlow.states>();

defineFlow({
  id: 'cancelledPurchase',
  // @ts-expect-error initial names a state the flow does not have
  initial: 'recieved',
  states: { received: { on: { 'operation.start': 'purchaseCancelled' } }, purchaseCancelled: end },
});

defineFlow({
  id: 'cancelledPurchase',
  initial: 'received',
  states: {
    // @ts-expect-error a target (shorthand) names a state the flow does not have
    received: { on: { 'operation.start': 'purchaseCanceled' } },
    purchaseCancelled: end,
  },
});

defineFlow({
  id: 'cancelledPurchase',
  initial: 'received',
  states: {
    received: {
      on: {
        'operation.start': [
          { guard: 'inputRejected', target: 'purchaseCancelled' },
          // @ts-expect-error a transition's target names a state the flow does not have
          { target: 'purchaseCanceled', actions: 'returnToApp' },
        ],
      },
    },
    purchaseCancelled: end,
  },
});

defineFlow({
  id: 'cancelledPurchase',
  initial: 'received',
  states: {
    received: { on: { 'operation.start': 'waiting' } },
    // @ts-expect-error a deadline's target names a state the flow does not have
    waiting: { deadline: { after: 'delay', target: 'purchaseCanceled' } },
    purchaseCancelled: end,
  },
});

defineFlow({
  id: 'cancelledPurchase',
  initial: 'received',
  states: {
    received: { on: { 'operation.start': 'waiting' } },
    // @ts-expect-error a deadline counts a timing the runtime does not know
    waiting: { deadline: { after: 'dealy', target: 'purchaseCancelled' } },
    purchaseCancelled: end,
  },
});

defineFlow({
  id: 'cancelledPurchase',
  initial: 'received',
  states: {
    // @ts-expect-error a guard the runtime does not define
    received: { on: { 'operation.start': [{ guard: 'inputRejectd', target: 'purchaseCancelled' }] } },
    purchaseCancelled: end,
  },
});

defineFlow({
  id: 'cancelledPurchase',
  initial: 'received',
  states: {
    // @ts-expect-error an effect the runtime does not define
    received: { on: { 'operation.start': { target: 'purchaseCancelled', actions: 'returnToAp' } } },
    purchaseCancelled: end,
  },
});

defineFlow({
  id: 'cancelledPurchase',
  initial: 'received',
  states: {
    // @ts-expect-error an update with the wrong params (fail takes an activation error)
    received: { on: { 'operation.start': { target: 'purchaseCancelled', actions: { type: 'fail', params: { error: 'oops' } } } } },
    purchaseCancelled: end,
  },
});

defineFlow({
  id: 'cancelledPurchase',
  initial: 'received',
  states: {
    received: { on: { 'operation.start': 'waiting' } },
    // @ts-expect-error timer.fired belongs to a state's deadline, not to its inputs
    waiting: { on: { 'timer.fired': 'purchaseCancelled' } },
    purchaseCancelled: end,
  },
});

defineFlow({
  id: 'cancelledPurchase',
  initial: 'received',
  states: {
    // @ts-expect-error the deadline's own actions are written by its expansion, never by a flow
    received: { on: { 'operation.start': { target: 'purchaseCancelled', actions: { type: 'setDeadline', params: { after: 'delay' } } } } },
    purchaseCancelled: end,
  },
});

defineFlow({
  id: 'cancelledPurchase',
  initial: 'received',
  states: {
    // @ts-expect-error a guard on a fired timer belongs to a deadline
    received: { on: { 'operation.start': { guard: 'deadlinePassed', target: 'purchaseCancelled' } } },
    purchaseCancelled: end,
  },
});

// A shared state is checked where a flow uses it: this one leads to a state the flow lacks.
const leadsNowhere = defineState({ on: { 'user.abort': 'aborted' } });
defineFlow({
  id: 'cancelledPurchase',
  initial: 'received',
  states: {
    received: { on: { 'operation.start': 'asking' } },
    // @ts-expect-error `aborted` is not a state of this flow
    asking: leadsNowhere,
    purchaseCancelled: end,
  },
});

// The runtime's tables are typed by the same lists: one without a name the flows may use is refused.
const { hasIccid: _dropped, ...lacking } = guardsFor(DEFAULT_TIMING);
// @ts-expect-error a guard table without hasIccid is not the runtime's guard table
export const lackingGuards: Guards = lacking;
