/**
 * The simulated device: a complete, deterministic implementation of the host's `Effects`
 * (virtual clock, eUICC, LPA, modem, screen, storage) with a redacted trace.
 */
export { createSimulatedDevice, type SimulatedDevice, type SimulatedDeviceOptions } from './device';
export { createSimulatedUser, type SimulatedUser, type AttachableHost } from './user';
export { VirtualClock, DEFAULT_START_TIME, settleMicrotasks, type PendingEntry, type Settle } from './clock';
export { VirtualEuicc, DEFAULT_EID, SIMULATED_ICCID_PREFIX, simulatedIccid, luhnCheckDigit, type EuiccProfile, type EuiccOptions, type InitialProfile, type Installation } from './euicc';
export { SimulatedLpa, type LpaOptions } from './lpa';
export {
  isSlow,
  type LpaOutcomes,
  type LpaKind,
  type Slow,
  type DownloadOutcome,
  type ImmediateDownloadOutcome,
  type DiscoverOutcome,
  type ImmediateDiscoverOutcome,
  type EuiccOutcome,
  type ImmediateEuiccOutcome,
} from './outcomes';
export { SimulatedModem, DEFAULT_REGISTRATION, DEFAULT_PHYSICAL_ICCID, stepsOf, type RegistrationScript, type RegistrationStep, type RegistrationListener } from './modem';
export { SimulatedEffectError, type ActivationFailure } from './errors';
export { Trace, formatOffset, summarizeCommand, type TraceEntry, type TraceKind, type TraceOptions } from './trace';
export { Redactor, redactText, codeKey, matchingIdOf, MIN_SCRUBBED_SECRET_LENGTH } from './redact';
export { SimulatedUi, type UiView, type ProgressView } from './ui';
export { MemoryStorage } from './storage';
export { RecordStorage } from './recordStorage';
