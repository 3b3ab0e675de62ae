export { DEFAULT_TIMING, defineFlow, defineState, EFFECT_NAMES, guardsFor, initialContext, timingKey, updatesFor } from './definition';
export type { ActionParams, ActionRef, DeadlineFrom, OneOrMany, EffectParams, FlowArgs, FlowDefinition, GuardParams, GuardRef, Guards, StateDefinition, TransitionDefinition, UpdateParams, Updates } from './definition';
export { FLOW_NAMES, flows } from './flows';
export type * from './types';
export {
  asyncConnectivityMachine, balanceAdditionMachine, cancelledPurchaseMachine, delayedDownloadMachine, delayedProfileMachine,
  flowMachine, inlineDownloadMachine, legacyResultMachine, machines, machinesFor,
} from './xstate';
export type { FlowMachine, FlowMachines } from './xstate';
