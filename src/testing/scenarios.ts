import type { AnyStateMachine } from 'xstate';
import { machinesFor } from '../../machines/index';
import type { FlowInput, FlowName, FlowTiming } from '../../machines/types';
import type { PortalCall } from '../core/inputs';
import { DEFAULT_CONFIG } from '../core/state';
import { parseActivationCode, toMaskedActivationCode, type MaskedActivationCode } from '../domain/activationCode';
import { DEFAULT_PHYSICAL_ICCID, DEFAULT_START_TIME, simulatedIccid } from '../sim/device/index';
import type { HostConfig } from '../host/host';

/*
 * The machine inputs every model test starts from, each paired with the portal hand-off that
 * makes the real core start an operation with exactly that input. Several per flow, so that
 * their union reaches every state: valid codes, codes that need a confirmation code, invalid
 * codes, with and without ICCID, every legacy route, delay 0 and > 0.
 */

export const MINUTE = 60_000;
/** The virtual time every world starts at (the simulator's default epoch). */
export const T0 = DEFAULT_START_TIME;
/** Every operation a single-operation world creates gets this id (the core counts from 1). */
export const OPERATION_ID = 'op-1';

/** Matching IDs are credentials: each test searches every printable thing for these. */
export const SECRET_MATCHING_IDS = ['SECRET-MATCH-1', 'SECRET-MATCH-2', 'SECRET-FOUND-1', 'SECRET-FOUND-2'] as const;
export const CODE = '1$smdp.example.com$SECRET-MATCH-1';
/** Flag `1`: the user must give a confirmation code (SGP.22 §4.1). */
export const CONFIRM_CODE = '1$smdp.example.com$SECRET-MATCH-2$$1';
/** An unknown format: `invalidActivationCode`. */
export const INVALID_CODE = '2$smdp.example.com$NOT-A-CODE';
/** What SM-DS hands the delayed-profile flow: plain, and needing a confirmation code. */
export const FOUND_CODE = '1$smds.example.com$SECRET-FOUND-1';
export const FOUND_CONFIRM_CODE = '1$smds.example.com$SECRET-FOUND-2$$1';
/** The confirmation code the simulated user types. */
export const CONFIRMATION_CODE = '4711';

/** A valid ICCID the simulated eUICC starts with (far from the ones it makes up). */
export const BALANCE_ICCID = simulatedIccid(500);
export const MALFORMED_ICCID = '12345';
/** The ICCID of the SIM in the device's physical slot: the simulated device's, and the one the kit's modem names. */
export const PHYSICAL_ICCID = DEFAULT_PHYSICAL_ICCID;

export const METADATA = { userAccount: 'New', purchaseInstrument: 'New', lineType: 'New', moDirectStatus: 'Complete', planName: 'Unlimited 5G' };

/** The masked form the core keeps of an activation code. */
export function masked(code: string): MaskedActivationCode {
  const parsed = parseActivationCode(code);
  if (!parsed.ok) throw new Error(`not an activation code: ${code}`);
  return toMaskedActivationCode(parsed.value);
}

/**
 * Small bounds for the generated path tests (host configuration: decision D14, docs/decisions.md), so that
 * the simple paths stay few; the exhaustive invariants also run with the defaults.
 */
export const PATH_TIMING: FlowTiming = {
  ...DEFAULT_CONFIG.timing,
  maxRegistrationAttempts: 2,
  maxDiscoveryAttempts: 2,
  maxConfirmationAttempts: 2,
};
export const PATH_CONFIG: HostConfig = { timing: PATH_TIMING };

/** A machine input and the hand-off that produces it. */
export interface Scenario {
  readonly flow: FlowName;
  /** Says what is special about the input, e.g. `code needing confirmation, delay 5 → 15 min`. */
  readonly name: string;
  readonly call: PortalCall;
  /** The machine input, apart from the id and time every scenario shares. */
  readonly input: Omit<FlowInput, 'operationId' | 'now'>;
  /** The activation code the operation downloads (for the eUICC checks), if known at hand-off. */
  readonly activationCode: string | null;
}

/** The flow input of a scenario as the core builds it. */
export function flowInput(scenario: Scenario): FlowInput {
  return { operationId: OPERATION_ID, now: T0, ...scenario.input };
}

/** A flow's machine as the model tests run it: with the path tests' small bounds unless told. */
export function modelMachine(flow: FlowName, timing: FlowTiming = PATH_TIMING): AnyStateMachine {
  return machinesFor(timing)[flow] as unknown as AnyStateMachine;
}

const INLINE = 'MobilePlansInlineOperations.notifyProfileDownload';
const download = (activationCode: string, downloadDelay?: number): PortalCall => ({
  kind: 'profileDownload',
  entryPoint: INLINE,
  metadata: METADATA,
  activationCode,
  ...(downloadDelay === undefined ? {} : { downloadDelay }),
});
const asyncCall = (activationCode: string, interval: number): PortalCall => ({
  kind: 'purchaseWithProfileDownload',
  entryPoint: 'MobilePlans.notifyPurchaseWithProfileDownload',
  metadata: METADATA,
  activationCode,
  networkRegistrationInterval: interval,
});
const legacy = (payload: Record<string, unknown> | string): PortalCall => ({
  kind: 'purchaseResult',
  entryPoint: 'DataMart.notifyPurchaseResult',
  payload: typeof payload === 'string' ? payload : JSON.stringify({ ver: '1', purchaseResult: JSON.stringify(METADATA), transactionId: 'tx-1', ...payload }),
});
const code = (text: string) => ({ code: masked(text) });
const rejectedCode = { code: null, inputError: 'invalidActivationCode' } as const;

/** Every scenario, by flow. */
export const SCENARIOS: Readonly<Record<FlowName, readonly Scenario[]>> = {
  inlineDownload: [
    { flow: 'inlineDownload', name: 'valid code', call: download(CODE), input: { delayMs: 0, ...code(CODE) }, activationCode: CODE },
    { flow: 'inlineDownload', name: 'code needing confirmation', call: download(CONFIRM_CODE), input: { delayMs: 0, ...code(CONFIRM_CODE) }, activationCode: CONFIRM_CODE },
    { flow: 'inlineDownload', name: 'invalid code', call: download(INVALID_CODE), input: { delayMs: 0, ...rejectedCode }, activationCode: null },
    { flow: 'inlineDownload', name: 'downloadDelay 0', call: download(CODE, 0), input: { delayMs: 0, ...code(CODE) }, activationCode: CODE },
  ],
  delayedDownload: [
    { flow: 'delayedDownload', name: 'valid code, delay 15', call: download(CODE, 15), input: { delayMs: 15 * MINUTE, ...code(CODE) }, activationCode: CODE },
    { flow: 'delayedDownload', name: 'valid code, delay 5 rounds to 15', call: download(CODE, 5), input: { delayMs: 15 * MINUTE, ...code(CODE) }, activationCode: CODE },
    { flow: 'delayedDownload', name: 'code needing confirmation, delay 20 rounds to 30', call: download(CONFIRM_CODE, 20), input: { delayMs: 30 * MINUTE, ...code(CONFIRM_CODE) }, activationCode: CONFIRM_CODE },
    { flow: 'delayedDownload', name: 'invalid code, delay 15', call: download(INVALID_CODE, 15), input: { delayMs: 15 * MINUTE, ...rejectedCode }, activationCode: null },
  ],
  asyncConnectivity: [
    { flow: 'asyncConnectivity', name: 'valid code, interval 0', call: asyncCall(CODE, 0), input: { delayMs: 0, ...code(CODE) }, activationCode: CODE },
    { flow: 'asyncConnectivity', name: 'valid code, interval 20 rounds to 30', call: asyncCall(CODE, 20), input: { delayMs: 30 * MINUTE, ...code(CODE) }, activationCode: CODE },
    { flow: 'asyncConnectivity', name: 'code needing confirmation, interval 15', call: asyncCall(CONFIRM_CODE, 15), input: { delayMs: 15 * MINUTE, ...code(CONFIRM_CODE) }, activationCode: CONFIRM_CODE },
    { flow: 'asyncConnectivity', name: 'invalid code, interval 0', call: asyncCall(INVALID_CODE, 0), input: { delayMs: 0, ...rejectedCode }, activationCode: null },
  ],
  delayedProfile: [
    {
      flow: 'delayedProfile',
      name: 'interval 15',
      call: { kind: 'delayedProfile', entryPoint: 'DataMart.notifyPurchaseDelayedProfile', metadata: METADATA, profileDownloadDelayInterval: 15 },
      input: { delayMs: 15 * MINUTE },
      activationCode: null,
    },
    {
      flow: 'delayedProfile',
      name: 'interval 1 rounds to 15',
      call: { kind: 'delayedProfile', entryPoint: 'MobilePlans.notifyPurchaseDelayedProfile', metadata: METADATA, profileDownloadDelayInterval: '1' },
      input: { delayMs: 15 * MINUTE },
      activationCode: null,
    },
  ],
  balanceAddition: [
    { flow: 'balanceAddition', name: 'no ICCID', call: { kind: 'balanceAddition', entryPoint: 'MobilePlans.notifyBalanceAddition', metadata: METADATA }, input: { delayMs: 0 }, activationCode: null },
    {
      flow: 'balanceAddition',
      name: 'ICCID',
      call: { kind: 'balanceAddition', entryPoint: 'MobilePlansInlineOperations.notifyBalanceAddition', metadata: METADATA, iccid: BALANCE_ICCID },
      input: { delayMs: 0, iccid: BALANCE_ICCID },
      activationCode: null,
    },
    {
      flow: 'balanceAddition',
      name: 'malformed ICCID',
      call: { kind: 'balanceAddition', entryPoint: 'DataMart.notifyBalanceAddition', metadata: METADATA, iccid: MALFORMED_ICCID },
      input: { delayMs: 0, iccid: null, inputError: 'invalidIccid' },
      activationCode: null,
    },
  ],
  cancelledPurchase: [
    { flow: 'cancelledPurchase', name: 'cancelled', call: { kind: 'cancelledPurchase', entryPoint: 'MobilePlans.notifyCancelledPurchase', metadata: METADATA }, input: { delayMs: 0 }, activationCode: null },
  ],
  legacyResult: [
    { flow: 'legacyResult', name: 'success with a code', call: legacy({ success: true, activationCode: CODE, iccid: '' }), input: { delayMs: 0, ...code(CODE), legacyRoute: 'download' }, activationCode: CODE },
    {
      flow: 'legacyResult',
      name: 'success with a code needing confirmation',
      call: legacy({ success: true, activationCode: CONFIRM_CODE }),
      input: { delayMs: 0, ...code(CONFIRM_CODE), legacyRoute: 'download' },
      activationCode: CONFIRM_CODE,
    },
    { flow: 'legacyResult', name: 'success with an invalid code', call: legacy({ success: true, activationCode: INVALID_CODE }), input: { delayMs: 0, ...rejectedCode, legacyRoute: 'download' }, activationCode: null },
    { flow: 'legacyResult', name: 'success with an ICCID only', call: legacy({ success: true, Iccid: BALANCE_ICCID }), input: { delayMs: 0, iccid: BALANCE_ICCID, legacyRoute: 'balance' }, activationCode: null },
    {
      flow: 'legacyResult',
      name: "success with the physical SIM's ICCID",
      call: legacy({ success: true, iccid: PHYSICAL_ICCID, activationCode: '' }),
      input: { delayMs: 0, iccid: PHYSICAL_ICCID, legacyRoute: 'physical' },
      activationCode: null,
    },
    {
      flow: 'legacyResult',
      name: 'success with a malformed ICCID',
      call: legacy({ success: true, iccid: MALFORMED_ICCID }),
      input: { delayMs: 0, iccid: null, inputError: 'invalidIccid', legacyRoute: 'balance' },
      activationCode: null,
    },
    { flow: 'legacyResult', name: 'not a success', call: legacy({ success: false, activationCode: '', iccid: '' }), input: { delayMs: 0, legacyRoute: 'cancelled' }, activationCode: null },
    { flow: 'legacyResult', name: 'unparsable payload', call: legacy('{"ver":"1", success'), input: { delayMs: 0, inputError: 'invalidJson', legacyRoute: 'invalid' }, activationCode: null },
  ],
};
