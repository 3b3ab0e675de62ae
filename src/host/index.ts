/** Room: `createHost`, which runs the core's commands through `Effects` and persists before acting; imports only src/core, src/domain and machines, no Node modules (rules: eslint.config.mjs). */
export { createHost, type Host, type HostConfig, type HostOptions, type ObservedStep, type OperationView } from './host';
export { activationErrorOf } from './run';
export type { Effects, EffectError, LpaEffects, ModemEffects, SchedulerEffects, UiEffects, StorageEffects, MaybePromise } from './effects';
