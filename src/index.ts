/**
 * mobile-plans-fulfillment: the host side of the Mobile Plans eSIM fulfillment contract.
 *
 * - {@link createHost}: the embedded runtime a host application drives with its `Effects`.
 * - {@link step}: the pure core, for hosts that run it themselves.
 * - {@link machines}: the flow statecharts (the specification).
 * - Domain helpers: activation codes, ICCIDs, EIDs, delays, metadata, enums of every generation.
 * @packageDocumentation
 */
export { createHost, activationErrorOf } from './host/index';
export type { Host, HostConfig, HostOptions, ObservedStep, OperationView, Effects, EffectError, LpaEffects, ModemEffects, SchedulerEffects, UiEffects, StorageEffects, MaybePromise } from './host/index';
export * from './core/index';
export { machines, FLOW_NAMES } from '../machines/index';
export type { FlowName, FlowContext, FlowEvent, FlowInput, FlowTiming, Outcome, ProfileState, ProgressStage, LegacyRoute } from '../machines/index';
export type { DeadlineFrom } from '../machines/setup';
export * from './domain/index';
export { normalizeMetadata as validateMetadata } from './domain/metadata';
