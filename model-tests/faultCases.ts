import { expect } from 'vitest';
import type { FlowName } from '../machines/types';
import type { Report } from '../src/core/commands';
import type { PortalCall } from '../src/core/inputs';
import { ACTIVATION_ERRORS, type ActivationError } from '../src/domain/enums';
import type { LpaEffects } from '../src/host/effects';
import { createHost, type Host, type HostConfig } from '../src/host/host';
import { createSimulatedDevice, type ActivationFailure, type InitialProfile, type SimulatedDevice } from '../src/sim/device/index';
import { BALANCE_ICCID, CODE, FOUND_CODE, MINUTE, SCENARIOS } from '../src/testing/scenarios';

/*
 * The places where the fault-injection tests make an LPA call fail, and the world they run in:
 * the real host on the simulated device answering at once, with one LPA call replaceable by a
 * hostile one.
 */

export const FAILURES = ACTIVATION_ERRORS.filter((e): e is ActivationFailure => e !== 'success');
export const CONFIRMATION_ERRORS: readonly ActivationError[] = ['confirmationCodeMissing', 'incorrectConfirmationCode'];
export const MAX_CONFIRMATION_ATTEMPTS = 3; // DEFAULT_CONFIG.timing
export const MAX_DISCOVERY_ATTEMPTS = 4;

export interface FaultWorld {
  readonly device: SimulatedDevice;
  host: Host;
  readonly reports: Report[];
  readonly delivered: Array<{ operationId: string; script: string; args: Record<string, unknown> }>;
  operationId: string;
  /** The next LPA call of this phase answers with this instead of the simulated LPA's answer. */
  hostile: { readonly phase: Phase; readonly answer: () => unknown } | null;
}

export async function faultWorld(profiles: readonly InitialProfile[] = [], config: HostConfig = {}): Promise<FaultWorld> {
  const reports: Report[] = [];
  const delivered: FaultWorld['delivered'] = [];
  const device = createSimulatedDevice({
    registration: 'none',
    profiles,
    onReport: (r) => reports.push(r),
    onCallback: (operationId, script, args) => delivered.push({ operationId, script, args: JSON.parse(args) as Record<string, unknown> }),
  });
  const lpa = device.effects.lpa;
  const world: FaultWorld = { device, host: undefined as unknown as Host, reports, delivered, operationId: '', hostile: null };
  const hostileOr = <K extends Phase>(phase: K, real: LpaEffects[K]): LpaEffects[K] =>
    ((request: never) => {
      const hostile = world.hostile;
      if (hostile === null || hostile.phase !== phase) return (real as (r: never) => unknown)(request);
      world.hostile = null;
      return hostile.answer();
    }) as LpaEffects[K];
  const effects = {
    ...device.effects,
    lpa: { ...lpa, download: hostileOr('download', lpa.download.bind(lpa)), enable: hostileOr('enable', lpa.enable.bind(lpa)), profileState: hostileOr('profileState', lpa.profileState.bind(lpa)) },
  };
  const host = createHost({ effects, config });
  device.attach(host);
  await host.start();
  world.host = host;
  return world;
}

export function handOff(w: FaultWorld, call: PortalCall): void {
  const reply = w.host.call(call);
  if (reply.type !== 'operation') throw new Error(`refused: ${JSON.stringify(reply)}`);
  w.operationId = reply.operationId;
}

export const scenario = (flow: FlowName, name: string): PortalCall => {
  const found = SCENARIOS[flow].find((s) => s.name === name);
  if (found === undefined) throw new Error(`no scenario ${flow} / ${name}`);
  return found.call;
};

export type Phase = 'download' | 'enable' | 'profileState';

/** A place in a flow where the LPA fails: how to get there, failing the call of `phase`. */
export interface FaultCase {
  readonly flow: FlowName;
  readonly how: string;
  readonly phase: Phase;
  /** Whether the portal is still open to hear the callback (flows that return to the app close it). */
  readonly portalOpen: boolean;
  readonly profiles?: readonly InitialProfile[];
  /** Drive the world until the failing call has been answered; `fail` scripts the failure. */
  readonly run: (w: FaultWorld, fail: () => void) => void;
}

const inline = scenario('inlineDownload', 'valid code');
const delayed = scenario('delayedDownload', 'valid code, delay 15');
const asyncCall = scenario('asyncConnectivity', 'valid code, interval 0');
const delayedProfile = scenario('delayedProfile', 'interval 15');
const balance = scenario('balanceAddition', 'ICCID');
const legacyDownload = scenario('legacyResult', 'success with a code');
const legacyBalance = scenario('legacyResult', 'success with an ICCID only');
const disabledProfile = [{ iccid: BALANCE_ICCID, enabled: false }];

export const CASES: readonly FaultCase[] = [
  ...(['download', 'enable'] as const).flatMap((phase): FaultCase[] => [
    { flow: 'inlineDownload', how: 'inline', phase, portalOpen: true, run: (w, fail) => (fail(), handOff(w, inline)) },
    {
      flow: 'delayedDownload',
      how: 'toast accepted',
      phase,
      portalOpen: true,
      run: (w, fail) => {
        handOff(w, delayed);
        w.device.clock.advance(15 * MINUTE);
        fail();
        w.device.user.acceptToast(w.operationId);
      },
    },
    {
      flow: 'delayedDownload',
      how: 'started from the app after dismissing the toast',
      phase,
      portalOpen: true,
      run: (w, fail) => {
        handOff(w, delayed);
        w.device.clock.advance(15 * MINUTE);
        w.device.user.dismissToast(w.operationId);
        fail();
        w.device.user.startDownload(w.operationId);
      },
    },
    { flow: 'asyncConnectivity', how: 'interval 0', phase, portalOpen: false, run: (w, fail) => (fail(), handOff(w, asyncCall)) },
    {
      flow: 'delayedProfile',
      how: 'after discovery',
      phase,
      portalOpen: false,
      run: (w, fail) => {
        w.device.lpa.setOutcome('discover', { profileReady: true, activationCode: FOUND_CODE });
        handOff(w, delayedProfile);
        fail();
        w.device.clock.advance(15 * MINUTE);
      },
    },
    { flow: 'legacyResult', how: 'success with a code', phase, portalOpen: false, run: (w, fail) => (fail(), handOff(w, legacyDownload)) },
  ]),
  { flow: 'balanceAddition', how: 'ICCID of a disabled profile', phase: 'profileState', portalOpen: false, profiles: disabledProfile, run: (w, fail) => (fail(), handOff(w, balance)) },
  { flow: 'balanceAddition', how: 'ICCID of a disabled profile', phase: 'enable', portalOpen: false, profiles: disabledProfile, run: (w, fail) => (fail(), handOff(w, balance)) },
  { flow: 'legacyResult', how: 'success with an ICCID only', phase: 'profileState', portalOpen: false, profiles: disabledProfile, run: (w, fail) => (fail(), handOff(w, legacyBalance)) },
  { flow: 'legacyResult', how: 'success with an ICCID only', phase: 'enable', portalOpen: false, profiles: disabledProfile, run: (w, fail) => (fail(), handOff(w, legacyBalance)) },
];

export function activationCallbacks(w: FaultWorld): Array<{ args: Record<string, unknown>; delivered: boolean }> {
  const history = w.host.state().operations[w.operationId]?.callbacks ?? w.reports.find((r) => r.operationId === w.operationId)?.callbacks ?? [];
  return history.filter((c) => c.script === 'profileActivationComplete').map((c) => ({ args: JSON.parse(c.args) as Record<string, unknown>, delivered: c.delivered }));
}

/** The operation failed with `error`: callback, report, final state, nothing left on the eUICC but what was there. */
export function expectFailed(w: FaultWorld, c: FaultCase, error: ActivationError): void {
  const op = w.operationId;
  const iccid = c.phase === 'download' ? '' : c.profiles !== undefined ? BALANCE_ICCID : w.device.euicc.installedFrom(c.flow === 'delayedProfile' ? FOUND_CODE : CODE);
  expect(w.host.operations().find((o) => o.id === op)).toMatchObject({ state: 'failed', live: false, outcome: 'failed' });
  expect(activationCallbacks(w)).toEqual([{ args: { activationResult: error, iccid }, delivered: c.portalOpen }]);
  expect(w.delivered.filter((d) => d.script === 'profileActivationComplete')).toEqual(c.portalOpen ? [{ operationId: op, script: 'profileActivationComplete', args: { activationResult: error, iccid } }] : []);
  const reports = w.reports.filter((r) => r.operationId === op);
  expect(reports).toHaveLength(1);
  expect(reports[0]).toMatchObject({ flow: c.flow, outcome: 'failed', activationResult: error });
  if (c.phase === 'download') expect(w.device.euicc.profiles().filter((p) => p.installedFrom !== undefined)).toEqual([]);
  if (c.phase === 'enable') expect(w.device.euicc.enabledIccid()).toBeNull();
}

