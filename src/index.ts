/**
 * mobile-plans-fulfillment: the host side of the Mobile Plans eSIM fulfillment contract.
 *
 * - {@link createHost}: the embedded runtime a host application drives with its `Effects`.
 * - {@link step}: the pure core, for hosts that run it themselves.
 * - {@link flows}: the flow statecharts (the specification), which the core runs; the same
 *   flows as xstate machines come from `mobile-plans-fulfillment/machines`.
 * - Domain helpers: activation codes, ICCIDs, EIDs, delays, metadata, enums of every generation.
 * @packageDocumentation
 */
export { createHost, activationErrorOf } from './host/index';
export type { Host, HostConfig, HostOptions, ObservedStep, OperationView, Effects, EffectError, LpaEffects, ModemEffects, SchedulerEffects, UiEffects, StorageEffects, MaybePromise } from './host/index';
export * from './core/index';
export { flows, FLOW_NAMES } from '../machines/flows';
export { DEFAULT_TIMING } from '../machines/definition';
export type { FlowName, FlowContext, FlowEvent, FlowInput, FlowTiming, Outcome, ProfileState, ProgressStage, LegacyRoute } from '../machines/types';
export type { ActionParams, ActionRef, DeadlineFrom, OneOrMany, EffectParams, FlowDefinition, GuardParams, GuardRef, StateDefinition, TransitionDefinition, UpdateParams } from '../machines/definition';
export * from './domain/index';
export { normalizeMetadata as validateMetadata } from './domain/metadata';
