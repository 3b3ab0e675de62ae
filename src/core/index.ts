/** Room: the pure engine (`step`, the flow interpreter, hand-offs, the LPA queue, restore); imports only src/domain and machines (never machines/xstate.ts), no clock, timers, randomness or I/O (rules: eslint.config.mjs). */
export { step, type StepResult } from './step';
export { createState, cloneState, DEFAULT_CONFIG, STATE_VERSION } from './state';
export type { CoreConfig, CoreState, OperationRecord, FinishedRecord, Secrets } from './state';
export { redactCommand } from './commands';
export type { Command, CommandType, LpaCommand, Report, CallbackRecord, CallbackScript, DiagnosticNotice } from './commands';
export type { Input, InputType, Json, PortalCall, Reply, UserInputType } from './inputs';
export { restoreDocument, migrateDocument, MIGRATIONS } from './document';
export type { Quarantined, RestoredDocument, Migration } from './document';
export { entryCommands, actionCommands } from './effectCommands';
export type { NamedAction } from './effectCommands';
