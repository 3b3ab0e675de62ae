/**
 * `mobile-plans-fulfillment/machines`: the flows as xstate v5 machines (`machines`,
 * `machinesFor(timing)`), for `createActor`, the Stately tools or `xstate/graph`. The only entry
 * point that needs `xstate` (an optional peer dependency: install it to use this one).
 *
 * The machines are built from the same statechart definitions the core runs (`flows`, also on the
 * root entry point), so both are here with the names and types they need.
 * Every name is listed on purpose (api/machines.api.md).
 *
 * Room: one statechart definition per flow; imports only src/domain, and xstate only in machines/xstate.ts (rules: eslint.config.mjs).
 * @packageDocumentation
 */
export { machines, machinesFor, flowMachine, type FlowMachine, type FlowMachines } from './xstate';
export { flows, FLOW_NAMES } from './flows';
export { DEFAULT_TIMING } from './definition';
export type {
  ActionRef, DeadlineDefinition, FlowActionName, FlowDefinition, FlowGuardName, FlowInputType, GuardRef, OneOrMany, StateDefinition, TimerTransitionDefinition, TransitionDefinition,
} from './definition';
export type { ActionParams, DeadlineActionName, DeadlineAfter, EffectParams, FlowArgs, GuardParams, TimerGuardName, TimerGuardParams, UpdateParams } from './runtime';
export type { FlowName, FlowContext, FlowEvent, FlowInput, FlowTiming, Outcome, ProfileState, ProgressStage, LegacyRoute } from './types';
