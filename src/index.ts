/**
 * mobile-plans-fulfillment: the host side of the Mobile Plans eSIM fulfillment contract.
 * Room: the root entry point's list of names; imports src/host, src/core, src/domain, src/portal and machines' definitions, never xstate.
 *
 * - {@link createHost}: the embedded runtime a host application drives with its `Effects`.
 * - {@link step}: the pure core (no I/O, clock or randomness; it owns its input), for hosts that run it themselves.
 * - {@link flows}: the flow statecharts (the specification), which the core runs; the same
 *   flows as xstate machines come from `mobile-plans-fulfillment/machines`.
 * - Domain helpers: activation codes, ICCIDs, EIDs, delays, metadata, enums of every generation.
 *
 * Every name is listed on purpose (api/index.api.md is the committed report of this surface);
 * the helpers the modules share among themselves stay inside.
 * @packageDocumentation
 */

// The embedded runtime.
export { createHost } from './host/host';
export type { Host, HostConfig, HostOptions, ObservedStep, OperationView } from './host/host';
export type { Effects, EffectError, LpaEffects, ModemEffects, SchedulerEffects, UiEffects, StorageEffects, MaybePromise } from './host/effects';
export type { Untimed } from './host/untimed';

// The pure core.
export { step, type StepResult } from './core/step';
export { createState, STATE_VERSION } from './core/state';
export type { CoreConfig, CoreState, OperationRecord, FinishedRecord, Secrets } from './core/state';
export type { DocumentChanges, DocumentHeader, StoredRecord, StoredRecords } from './core/storedRecords';
export type { QueuedCommand } from './core/lpaQueue';
export { redactCommand } from './core/commands';
// What a flow's actions produce, asked without running an operation (the docs' tables).
export { entryCommands, actionCommands } from './core/effectCommands';
export type { NamedAction } from './core/effectCommands';
export type { Command, CommandType, LpaCommand, Report, CallbackRecord, CallbackScript, DiagnosticNotice } from './core/commands';
export type { Input, InputType, Json, PortalCall, Reply, UserInputType } from './core/inputs';
// Loading a saved document: migrate, check, quarantine what cannot run (createHost does this in start()).
export { restoreDocument, migrateDocument, MIGRATIONS } from './core/document';
export type { Quarantined, RestoredDocument, Migration } from './core/document';

// The flows, as statechart definitions.
export { flows, FLOW_NAMES } from '../machines/flows';
export { DEFAULT_TIMING } from '../machines/definition';
export type { FlowName, FlowContext, FlowEvent, FlowInput, FlowTiming, Outcome, ProfileState, ProgressStage, LegacyRoute } from '../machines/types';
export type {
  ActionRef, DeadlineDefinition, FlowActionName, FlowDefinition, FlowGuardName, FlowInputType, GuardRef, OneOrMany, StateDefinition, TimerTransitionDefinition, TransitionDefinition,
} from '../machines/definition';
export type { ActionParams, DeadlineActionName, DeadlineAfter, EffectParams, FlowArgs, GuardParams, TimerGuardName, TimerGuardParams, UpdateParams } from '../machines/runtime';

// The domain: values of the spec and their validation.
export type { Result, DomainError, DomainErrorCode } from './domain/result';
export type { Diagnostic, DiagnosticCode, DiagnosticSeverity } from './domain/diagnostics';
export {
  DataMartUserAccount,
  DataMartPurchaseInstrument,
  DataMartLineType,
  DataMartMoDirectStatus,
  DataMartNetworkRegistrationState,
  DataMartActivationErrors,
  MobilePlansUserAccount,
  MobilePlansPurchaseInstrument,
  MobilePlansLineType,
  MobilePlansMoDirectStatus,
  MobilePlansNetworkRegistrationState,
  MobilePlansActivationError,
  USER_ACCOUNTS,
  MO_DIRECT_STATUSES,
  ACTIVATION_ERRORS,
  NETWORK_REGISTRATION_STATES,
  CONNECTED_REGISTRATION_STATES,
  ENUM_OBJECTS,
  isActivationError,
  isNetworkRegistrationState,
  type UserAccount,
  type PurchaseInstrument,
  type LineType,
  type MoDirectStatus,
  type NetworkRegistrationState,
  type ActivationError,
} from './domain/enums';
export {
  createPurchaseMetaData,
  // The one public name of the metadata check (the modules call it normalizeMetadata).
  normalizeMetadata as validateMetadata,
  METADATA_FIELDS,
  REQUIRED_METADATA_FIELDS,
  type PurchaseMetadata,
  type MetadataField,
  type NormalizeMetadataOptions,
  type NormalizedMetadata,
} from './domain/metadata';
export {
  parseActivationCode,
  formatActivationCode,
  maskActivationCode,
  MAX_ACTIVATION_CODE_LENGTH,
  MATCHING_ID_MASK,
  type ActivationCode,
  type MaskedActivationCode,
} from './domain/activationCode';
export { validateIccid, type ValidIccid } from './domain/iccid';
export { validateEid } from './domain/eid';
export { roundDelay, parseDelay, DEFAULT_DELAY_GRANULARITY_MINUTES, MAX_DELAY_MINUTES, type DelayField } from './domain/delay';
export { parseLegacyPayload, MAX_LEGACY_PAYLOAD_LENGTH, LEGACY_PAYLOAD_VERSION, type LegacyPurchase } from './domain/legacy';
export { validateTransactionId, checkTransactionId, MAX_TRANSACTION_ID_LENGTH } from './domain/transactionId';

// Opening the operator's portal.
export { portalLaunch, PortalLaunchError, type PortalLaunchOptions, type PortalLaunch, type PortalLaunchProblem } from './portal/launch';
