import type { CallbackScript, Command, DiagnosticNotice, Report } from '../../core/commands';
import type { NetworkRegistrationState } from '../../domain/enums';
import type { Effects, MaybePromise } from '../../host/effects';
import { DEFAULT_START_TIME, VirtualClock } from './clock';
import { VirtualEuicc, type InitialProfile } from './euicc';
import { SimulatedLpa, type LpaOptions } from './lpa';
import { SimulatedModem, type RegistrationScript } from './modem';
import { Redactor } from './redact';
import { MemoryStorage } from './storage';
import { Trace, type TraceEntry } from './trace';
import { SimulatedUi } from './ui';
import { createSimulatedUser, type AttachableHost, type SimulatedUser } from './user';

/** How the simulated device is set up. Everything is optional. */
export interface SimulatedDeviceOptions {
  /** Virtual epoch ms the clock starts at. Default {@link DEFAULT_START_TIME} (2026-01-01). */
  readonly startTime?: number;
  /** The eUICC's EID (must be valid). */
  readonly eid?: string;
  /** Profiles already on the eUICC. */
  readonly profiles?: readonly InitialProfile[];
  /** How many profiles fit on the eUICC. */
  readonly capacity?: number;
  /** Default LPA outcomes and SM-DP+ behaviour. */
  readonly lpa?: Omit<LpaOptions, 'onEvent'>;
  /** The ICCID of the SIM in the physical slot; null for an empty slot. Default `89012600000000000011`. */
  readonly physicalIccid?: string | null;
  /** Whether the device has a modem. Default true; false fails downloads and registration with `modemNotFound`. */
  readonly modemPresent?: boolean;
  /** The default registration script. */
  readonly registration?: RegistrationScript;
  /** Told about every portal callback (the portal bridge delivers it). */
  readonly onCallback?: (operationId: string, script: CallbackScript, args: string) => void;
  /** Told about every report. */
  readonly onReport?: (report: Report) => void;
  /** Told about every diagnostic. */
  readonly onDiagnostic?: (notice: DiagnosticNotice) => void;
  /** Told about every trace entry as it is recorded. */
  readonly onTrace?: (entry: TraceEntry) => void;
}

/** A complete simulated device: the host's `Effects` and the parts behind them, to script and inspect. */
export interface SimulatedDevice {
  /** Everything a host needs: pass to `createHost({ effects })`. */
  readonly effects: Effects;
  readonly clock: VirtualClock;
  readonly euicc: VirtualEuicc;
  readonly lpa: SimulatedLpa;
  readonly modem: SimulatedModem;
  readonly trace: Trace;
  readonly ui: SimulatedUi;
  readonly storage: MemoryStorage;
  readonly user: SimulatedUser;
  /**
   * Send registration changes and the user's actions to `host` (replacing any host attached
   * before, e.g. after a restart). Timers need no wiring: they call the `fire` the host gave.
   * @returns a function that detaches it
   */
  readonly attach: (host: AttachableHost) => () => void;
}

/**
 * Create a simulated device: virtual clock, eUICC, LPA, modem, screen and storage, all
 * deterministic, with every effect call recorded in a redacted trace.
 *
 * @param options - start time, eUICC contents, default outcomes, listeners
 * @example
 * const device = createSimulatedDevice();
 * const host = createHost({ effects: device.effects });
 * device.attach(host);
 * await host.start();
 * host.call({ kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata, activationCode: '1$smdp.example.com$MATCH-1' });
 * device.clock.advance(5_000);
 */
export function createSimulatedDevice(options: SimulatedDeviceOptions = {}): SimulatedDevice {
  const clock = new VirtualClock(options.startTime ?? DEFAULT_START_TIME);
  const redactor = new Redactor();
  const trace = new Trace({ now: () => clock.now(), redactor, ...(options.onTrace === undefined ? {} : { onEntry: options.onTrace }) });
  const euicc = new VirtualEuicc({
    ...(options.eid === undefined ? {} : { eid: options.eid }),
    ...(options.profiles === undefined ? {} : { profiles: options.profiles }),
    ...(options.capacity === undefined ? {} : { capacity: options.capacity }),
  });
  const lpa = new SimulatedLpa(euicc, clock, { ...options.lpa, onEvent: (operationId, summary) => trace.device(operationId, summary) });
  let host: AttachableHost | null = null;
  const registrationChanged = (iccid: string, state: NetworkRegistrationState): void => {
    trace.device(null, `registration ${state} on ${iccid}`, { iccid, state });
    host?.registrationChanged(iccid, state);
  };
  const modem = new SimulatedModem(clock, registrationChanged, options.registration);
  if (options.physicalIccid !== undefined) modem.setPhysicalIccid(options.physicalIccid);
  if (options.modemPresent !== undefined) modem.setPresent(options.modemPresent);
  const ui = new SimulatedUi();
  const storage = new MemoryStorage();

  /** Record what an effect answered (now or later); pass the answer or failure on unchanged. */
  const observe = <T>(operationId: string, what: string, run: () => MaybePromise<T>, describe: (answer: T) => string): MaybePromise<T> => {
    const failed = (error: unknown): void => void trace.device(operationId, `${what} failed: ${describeError(error)}`);
    let answer: MaybePromise<T>;
    try {
      answer = run();
    } catch (error) {
      failed(error);
      throw error;
    }
    if (!(answer instanceof Promise)) {
      trace.device(operationId, describe(answer));
      return answer;
    }
    answer.then((value) => void trace.device(operationId, describe(value)), failed);
    return answer;
  };
  const command = (c: Command): void => void trace.command(c);

  // Deterministic ids, so traces and tests read `op-1`, `op-2`, ... run after run; a real host's are random.
  let drawnIds = 0;
  const effects: Effects = {
    now: () => clock.now(),
    newId: () => `op-${(drawnIds += 1)}`,
    lpa: {
      download(request) {
        redactor.keepCode(request.activationCode);
        const { operationId, activationCode, confirmationCode } = request;
        command({ type: 'lpa.download', operationId, activationCode, confirmationCode });
        return observe(operationId, 'download', () => lpa.download(request), (answer) => `downloaded profile ${answer.iccid}`);
      },
      discover(request) {
        command({ type: 'lpa.discover', operationId: request.operationId });
        return observe(request.operationId, 'discovery', () => lpa.discover(request), (answer) => {
          if (answer === null) return 'SM-DS has no profile yet';
          redactor.keepCode(answer.activationCode);
          return `SM-DS has a profile: ${answer.activationCode}`;
        });
      },
      enable(request) {
        command({ type: 'lpa.enable', operationId: request.operationId, iccid: request.iccid });
        return observe(request.operationId, 'enable', () => lpa.enable(request), () => `enabled profile ${request.iccid}`);
      },
      profileState(request) {
        command({ type: 'lpa.queryProfile', operationId: request.operationId, iccid: request.iccid });
        return observe(request.operationId, 'profile query', () => lpa.profileState(request), (state) => `profile ${request.iccid} is ${state}`);
      },
    },
    modem: {
      register(request) {
        command({ type: 'modem.register', operationId: request.operationId, iccid: request.iccid });
        return observe(request.operationId, 'register', () => modem.register(request), () => `registering on ${request.iccid}`);
      },
      physicalIccid: () => modem.physicalIccid(),
      present: () => modem.present(),
    },
    scheduler: {
      set(timerId, at, fire) {
        command({ type: 'scheduler.set', timerId, at });
        clock.set(timerId, at, () => {
          trace.device(timerId, `timer ${timerId} fired`);
          fire();
        });
      },
      clear(timerId) {
        command({ type: 'scheduler.clear', timerId });
        clock.clear(timerId);
      },
    },
    ui: {
      progress(operationId, stage, percent) {
        command({ type: 'ui.progress', operationId, stage, percent });
        ui.progress(operationId, stage, percent);
      },
      scheduled(operationId, at) {
        command({ type: 'ui.scheduled', operationId, at });
        ui.scheduled(operationId, at);
      },
      toast(operationId) {
        command({ type: 'ui.toast', operationId });
        ui.toast(operationId);
      },
      hideToast(operationId) {
        command({ type: 'ui.hideToast', operationId });
        ui.hideToast(operationId);
      },
      confirmationCode(operationId, attempt) {
        command({ type: 'ui.confirmationCode', operationId, attempt });
        ui.confirmationCode(operationId, attempt);
      },
      returnToApp(operationId) {
        command({ type: 'ui.returnToApp', operationId });
        ui.returnToApp(operationId);
      },
    },
    storage,
    callback(operationId, script, args) {
      trace.callback(operationId, script, args);
      options.onCallback?.(operationId, script, args);
    },
    report(report) {
      trace.report(report);
      ui.finished(report.operationId);
      options.onReport?.(report);
    },
    diagnostic(notice) {
      trace.diagnostic(notice);
      options.onDiagnostic?.(notice);
    },
  };

  const user = createSimulatedUser({ trace, ui, host: () => host });

  return {
    effects,
    clock,
    euicc,
    lpa,
    modem,
    trace,
    ui,
    storage,
    user,
    attach(next) {
      host = next;
      return () => {
        if (host === next) host = null;
      };
    },
  };
}

function describeError(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'activationError' in error) return String(error.activationError);
  return error instanceof Error ? error.message : String(error);
}
