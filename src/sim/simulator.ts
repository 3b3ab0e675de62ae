import type { CallbackScript, DiagnosticNotice, Report } from '../core/commands';
import type { PortalCall, Reply } from '../core/inputs';
import { createHost, type Host, type HostConfig, type OperationView } from '../host/host';
import { createPortalApi, type PortalApi, type PortalHost } from '../portal/api';
import {
  createSimulatedDevice,
  type LpaKind,
  type LpaOutcomes,
  type RegistrationScript,
  type SimulatedDevice,
  type SimulatedDeviceOptions,
  type TraceEntry,
} from './device/index';
import { consoleSink, type SimulatorConsole } from './simulatorConsole';
import { showLaunchOnPage, simulatedLaunch, type SimulatorLaunchOptions } from './simulatorLaunch';
import type { PortalLaunch } from '../portal/launch';

/** How the portal developer's simulator starts. Everything is optional. */
export interface SimulatorOptions {
  /** Where the portal objects are installed. Default `globalThis` (the page). */
  readonly global?: object;
  /** The page address calls are checked against. Default: the page's `location.href`, read at each call. */
  readonly origin?: string | (() => string);
  /** The operator's allowed hosts (`portal.example.com`, `*.example.com`). Default none. */
  readonly allowedHosts?: readonly string[];
  /** Accept `http://localhost` and `http://127.0.0.1` pages. Default true: the simulator is for development. */
  readonly allowLocalhost?: boolean;
  /** Where diagnostics are printed (`[MobilePlansSim] ...`): true (default) for `console`, false for nowhere, or a sink. */
  readonly console?: boolean | SimulatorConsole;
  /** Host configuration (delay rounding, timings). */
  readonly config?: HostConfig;
  /** The simulated device: start time, eUICC profiles, default outcomes, registration script. */
  readonly device?: Omit<SimulatedDeviceOptions, 'onCallback' | 'onReport' | 'onDiagnostic'>;
  /**
   * Open the portal with this transaction id, as the app does when it launches the portal: through
   * `portalLaunch`, with the device's EID, physical SIM ICCID and eUICC ICCIDs (see `launch`).
   */
  readonly transactionId?: string;
  /** Market, location, language and portal address of that launch (decision D30). */
  readonly launch?: SimulatorLaunchOptions;
  /** Told about every callback delivered to the page. */
  readonly onCallback?: (operationId: string, script: CallbackScript, args: string) => void;
  /** Told about every operation's report. */
  readonly onReport?: (report: Report) => void;
  /** Told about every diagnostic, from the bridge and from the host. */
  readonly onDiagnostic?: (notice: DiagnosticNotice) => void;
}

/** The simulator's controller: drive the simulated user and device, and inspect what happened. */
export interface Simulator {
  /** Let `minutes` of virtual time pass (fractions allowed: 0.05 = 3 s); resolves once everything due has run. */
  advance(minutes: number): Promise<void>;
  /** The user accepts a "ready to download" toast (default: the newest shown). */
  acceptToast(operationId?: string): void;
  /** The user dismisses a toast (default: the newest shown). */
  dismissToast(operationId?: string): void;
  /** The user enters a confirmation code (default: at the newest prompt shown). */
  confirmationCode(code: string, operationId?: string): void;
  /** The user starts a waiting download from the app. */
  startDownload(operationId: string): void;
  /** Script the outcome of the next LPA call of a kind (see the device's `lpa.setOutcome`). */
  setOutcome<K extends LpaKind>(kind: K, outcome: LpaOutcomes[K]): void;
  /** Script the next network registration (see the device's `modem.setRegistration`). */
  setRegistration(script: RegistrationScript): void;
  /** Every operation: id, flow, state, live, and the outcome once finished. */
  operations(): OperationView[];
  /** Every report so far, in order. */
  reports(): Report[];
  /** The timeline: every portal call, command, callback, report and diagnostic with virtual times, redacted. */
  trace(): TraceEntry[];
  /** A host restart: drop the host and start a new one from the stored document. Portal calls meanwhile are ignored. */
  restart(): Promise<void>;
  /** The host now running. */
  readonly host: Host;
  /** The simulated device. */
  readonly device: SimulatedDevice;
  /** The portal bridge installed on the page. */
  readonly portal: PortalApi;
  /** How the simulated app opened the portal (URL with its query, `Accept-Language`); null when no `transactionId` was given. */
  readonly launch: PortalLaunch | null;
  /** Stop the host and remove the portal objects from the page. */
  stop(): void;
}

/**
 * Start the simulator for portal developers: a simulated device, a host on it, and every
 * generation's portal objects installed on the page, so a portal page runs unchanged with no
 * device. Diagnostics are printed with the `[MobilePlansSim]` prefix.
 *
 * It is synchronous (a portal page may call it from a plain `<script>`): a fresh simulated
 * device stores nothing, so the new host has nothing to restore and takes calls at once. Only
 * {@link Simulator.restart} is asynchronous.
 *
 * @param options - page, origin, allow-list, device and listeners
 * @example
 * const sim = startSimulator({ origin: 'https://portal.example.com/buy', allowedHosts: ['portal.example.com'] });
 * MobilePlansInlineOperations.notifyProfileDownload(md, '1$smdp.example.com$MATCH-1');
 * await sim.advance(1);
 * sim.operations(); // [{ id: 'op-1', flow: 'inlineDownload', state: 'connected', live: false, outcome: 'connected' }]
 */
export function startSimulator(options: SimulatorOptions = {}): Simulator {
  const page = options.global ?? globalThis;
  const print = consoleSink(options.console);
  const reports: Report[] = [];
  let portal: PortalApi | null = null;

  const diagnosed = (notice: DiagnosticNotice): void => {
    print(notice, (text) => device.trace.redactor.text(text));
    options.onDiagnostic?.(notice);
  };
  const device = createSimulatedDevice({
    ...options.device,
    // A portal developer's simulator answers a reused activation code as a real SM-DP+ does (D31).
    lpa: { bindProfilesOnce: true, ...options.device?.lpa },
    onCallback: (operationId, script, args) => {
      portal?.deliver(operationId, script, args);
      options.onCallback?.(operationId, script, args);
    },
    onReport: (report) => {
      reports.push(report);
      options.onReport?.(report);
    },
    onDiagnostic: diagnosed,
  });

  // Built before anything is installed: a wrong launch value throws and leaves the page as it was.
  const launch: PortalLaunch | null =
    options.transactionId === undefined
      ? null
      : simulatedLaunch(device, options.transactionId, typeof options.origin === 'function' ? options.origin() : options.origin ?? pageAddress(page), options.allowedHosts ?? [], options.launch);

  const newHost = (): Host => createHost({ effects: device.effects, ...(options.config === undefined ? {} : { config: options.config }) });
  let host = newHost();
  let detach = device.attach(host);
  let restarting = false;

  const portalHost: PortalHost = {
    // The trace's kinds have no "portal": the portal acts for the user, so its calls are user entries.
    call: (call: PortalCall, origin?: string): Reply => {
      device.trace.user(null, `portal calls ${call.entryPoint}`);
      const reply: Reply = restarting ? { type: 'ignored', reason: 'the simulated host is restarting' } : host.call(call, origin);
      device.trace.user(reply.type === 'operation' ? reply.operationId : null, `${call.entryPoint} ${describeReply(reply)}`);
      return reply;
    },
    cancel: (operationId: string, origin?: string): boolean => {
      device.trace.user(operationId, 'portal calls MobilePlansInlineOperations.notifyOperationCancel');
      const cancelled = !restarting && host.cancel(operationId, origin);
      device.trace.user(operationId, `notifyOperationCancel returns ${String(cancelled)}`);
      return cancelled;
    },
  };
  portal = createPortalApi(portalHost, {
    origin: options.origin ?? (() => pageAddress(page)),
    allowedHosts: options.allowedHosts ?? [],
    allowLocalhost: options.allowLocalhost ?? true,
    onDiagnostic: (notice) => {
      device.trace.diagnostic(notice);
      diagnosed(notice);
    },
  });
  portal.install(page);
  if (launch !== null && options.transactionId !== undefined) {
    device.trace.user(null, `the app opens the portal at ${launch.url}`);
    showLaunchOnPage(page, launch);
    device.user.launchPortal(options.transactionId);
  }

  const newest = (ids: readonly string[], what: string, given: string | undefined): string => {
    const id = given ?? ids[ids.length - 1];
    if (id === undefined) throw new Error(`[MobilePlansSim] no ${what} is shown`);
    return id;
  };
  const installed = portal;

  return {
    advance: (minutes) => {
      if (!Number.isFinite(minutes) || minutes < 0) return Promise.reject(new RangeError(`[MobilePlansSim] advance(minutes) needs a non-negative number, got ${String(minutes)}`));
      return device.clock.advanceAsync(Math.round(minutes * 60_000));
    },
    acceptToast: (operationId) => device.user.acceptToast(newest(device.ui.toasts(), 'toast', operationId)),
    dismissToast: (operationId) => device.user.dismissToast(newest(device.ui.toasts(), 'toast', operationId)),
    confirmationCode: (code, operationId) =>
      device.user.confirmationCode(newest(Object.keys(device.ui.view().confirmationPrompts), 'confirmation-code prompt', operationId), code),
    startDownload: (operationId) => device.user.startDownload(operationId),
    setOutcome: (kind, outcome) => device.lpa.setOutcome(kind, outcome),
    setRegistration: (script) => device.modem.setRegistration(script),
    operations: () => host.operations(),
    reports: () => [...reports],
    trace: () => device.trace.entries(),
    async restart() {
      restarting = true;
      try {
        host.stop();
        detach();
        host = newHost();
        detach = device.attach(host);
        device.trace.device(null, 'the host restarts from its stored document');
        await host.start();
      } finally {
        restarting = false;
      }
    },
    get host() {
      return host;
    },
    device,
    portal: installed,
    launch,
    stop() {
      host.stop();
      detach();
      installed.uninstall();
    },
  };
}

/** The page's address: its own `location.href`, else this realm's. */
function pageAddress(page: object): string {
  const own = (page as { location?: { href?: unknown } }).location?.href;
  if (typeof own === 'string') return own;
  const here = (globalThis as { location?: { href?: unknown } }).location?.href;
  return typeof here === 'string' ? here : '';
}

function describeReply(reply: Reply): string {
  switch (reply.type) {
    case 'operation':
      return reply.created ? `returns ${reply.operationId}` : `returns ${reply.operationId}, already working on this activation code`;
    case 'refused':
      return `was refused (${reply.error.code}); nothing started`;
    case 'ignored':
      return `was ignored (${reply.reason})`;
    default:
      return reply.type;
  }
}
