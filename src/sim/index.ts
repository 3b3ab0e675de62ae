/**
 * `mobile-plans-fulfillment/sim`: the simulator for portal developers and the simulated device
 * for host engineers and tests.
 * Room: imports only src/portal, src/host, src/core, src/domain and machines' definitions, no Node modules (rules: eslint.config.mjs).
 *
 * - {@link startSimulator}: a simulated device, a host on it and every generation's page
 *   objects, driven through the returned controller (the browser script's `MobilePlansSim.start`).
 * - {@link createSimulatedDevice}: a deterministic implementation of the host's `Effects`
 *   (virtual clock, eUICC, LPA, modem, screen, storage) with a redacted trace.
 *
 * Every name is listed on purpose (api/sim.api.md). The device's parts are exported as types
 * only: a device builds and wires them; a consumer reaches them through it (`device.clock`, …).
 * @packageDocumentation
 */
export { startSimulator, type Simulator, type SimulatorOptions } from './simulator';
export type { SimulatorConsole } from './simulatorConsole';
export type { SimulatorLaunchOptions } from './simulatorLaunch';
export type { PortalLaunch } from '../portal/launch';
export { createSimulatedDevice, type SimulatedDevice, type SimulatedDeviceOptions } from './device/device';
export { SimulatedEffectError, type ActivationFailure } from './device/errors';
export type { SimulatedUser, AttachableHost } from './device/user';
export { DEFAULT_START_TIME, type VirtualClock, type PendingEntry, type Settle } from './device/clock';
export { DEFAULT_EID, type VirtualEuicc, type EuiccOptions, type EuiccProfile, type InitialProfile, type Installation } from './device/euicc';
export type { SimulatedLpa, LpaOptions } from './device/lpa';
export type {
  LpaOutcomes,
  LpaKind,
  Slow,
  DownloadOutcome,
  ImmediateDownloadOutcome,
  DiscoverOutcome,
  ImmediateDiscoverOutcome,
  EuiccOutcome,
  ImmediateEuiccOutcome,
} from './device/outcomes';
export type { SimulatedModem, RegistrationScript, RegistrationStep, RegistrationListener } from './device/modem';
export type { Trace, TraceEntry, TraceKind, TraceOptions } from './device/trace';
export { MIN_SCRUBBED_SECRET_LENGTH, type Redactor } from './device/redact';
export type { SimulatedUi, UiView, ProgressView } from './device/ui';
export type { MemoryStorage } from './device/storage';
export { RecordStorage } from './device/recordStorage';
