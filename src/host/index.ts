export { createHost, type Host, type HostConfig, type HostOptions, type ObservedStep, type OperationView } from './host';
export { activationErrorOf } from './run';
export type { Effects, EffectError, LpaEffects, ModemEffects, SchedulerEffects, UiEffects, StorageEffects, MaybePromise } from './effects';
