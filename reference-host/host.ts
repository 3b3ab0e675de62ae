/**
 * The reference host's Node side: `createHost` over the simulated eUICC and modem, with storage
 * and scheduler injectable (the durable kit's `fileStorage(dir)` and `createScheduler()` fit),
 * and the web-view endpoint on whatever transport carries the page's messages. On a real clock
 * (the default) the simulated device's own clock is kept in step with it; on a virtual one,
 * `advance` moves time, for tests that wait out delays.
 */
import type { CallbackScript, DiagnosticNotice, Report } from '../src/core/commands';
import type { SchedulerEffects, StorageEffects } from '../src/host/effects';
import { createHost, type Host, type HostConfig } from '../src/host/host';
import { createSimulatedDevice, RecordStorage, type SimulatedDevice, type SimulatedDeviceOptions } from '../src/sim/index';
import { createWebViewEndpoint, type WebViewEndpoint, type WebViewTransport } from '../src/webview/index';
import { plainScheduler } from './plainScheduler';

/** How the reference host starts. */
export interface ReferenceHostOptions {
  /** The transport the page script's messages arrive on. */
  readonly transport: WebViewTransport;
  /** The operator's allowed hosts. Default `['portal.example.com']`. */
  readonly allowedHosts?: readonly string[];
  /** Where the host keeps its document. Default: in memory (`RecordStorage`), lost with the process. */
  readonly storage?: StorageEffects;
  /** The host's timers (real clock only). Default: a plain `setTimeout` scheduler. Disposed by `stop()` when it has `dispose`. */
  readonly scheduler?: SchedulerEffects & { dispose?(): void };
  /** `real` (default): wall-clock time; `virtual`: the simulated device's clock, moved by `advance`. */
  readonly clock?: 'real' | 'virtual';
  /** The real clock's time source. Default `Date.now`; a test may run it faster, with a scheduler on the same source. */
  readonly now?: () => number;
  /** The simulated device: eUICC profiles, LPA behaviour, registration. */
  readonly device?: Omit<SimulatedDeviceOptions, 'onCallback' | 'onReport' | 'onDiagnostic' | 'startTime'>;
  /** Host configuration (delay rounding, timings). */
  readonly config?: HostConfig;
  /** Accept toasts as soon as they show (what a user who always says yes does). Default false. */
  readonly acceptToasts?: boolean;
  /** Told about every diagnostic, from the endpoint and the host. */
  readonly onDiagnostic?: (notice: DiagnosticNotice) => void;
  /** Told about every report. */
  readonly onReport?: (report: Report) => void;
  /** Told about every callback the host sends to the page. */
  readonly onCallback?: (operationId: string, script: CallbackScript, args: string) => void;
  /** Told about every toast shown. */
  readonly onToast?: (operationId: string) => void;
}

/** A running reference host. */
export interface ReferenceHost {
  readonly host: Host;
  readonly device: SimulatedDevice;
  readonly endpoint: WebViewEndpoint;
  /** Every report so far. */
  reports(): Report[];
  /** Every callback the host sent toward the page, in order. */
  callbacks(): Array<{ operationId: string; script: CallbackScript; args: string }>;
  /** Every diagnostic so far. */
  diagnostics(): DiagnosticNotice[];
  /** The user accepts a toast (default: the oldest one up). */
  acceptToast(operationId?: string): void;
  /** Virtual clock only: let `minutes` pass; resolves once everything due has run. */
  advance(minutes: number): Promise<void>;
  /** Stop the host, the endpoint, the clock and the scheduler. */
  stop(): void;
}

/** How often the simulated device's clock catches up with the wall clock, ms. */
const PUMP_MS = 20;

/**
 * Start the reference host: load the stored document, re-arm its timers, and take page messages.
 *
 * @param options - transport, allow-list, storage, scheduler, clock, device
 * @example
 * const ref = await startReferenceHost({ transport: await playwrightTransport(page) });
 */
export async function startReferenceHost(options: ReferenceHostOptions): Promise<ReferenceHost> {
  const real = (options.clock ?? 'real') === 'real';
  const wallNow = options.now ?? (() => Date.now());
  const reports: Report[] = [];
  const callbacks: Array<{ operationId: string; script: CallbackScript; args: string }> = [];
  const diagnostics: DiagnosticNotice[] = [];
  const diagnosed = (notice: DiagnosticNotice): void => {
    diagnostics.push(notice);
    options.onDiagnostic?.(notice);
  };
  let endpoint: WebViewEndpoint | null = null;
  let host: Host | null = null;
  const device = createSimulatedDevice({
    ...options.device,
    lpa: { bindProfilesOnce: true, ...options.device?.lpa },
    ...(real ? { startTime: wallNow() } : {}),
    onCallback: (operationId, script, args) => {
      callbacks.push({ operationId, script, args });
      options.onCallback?.(operationId, script, args);
      endpoint?.deliver(operationId, script, args);
    },
    onReport: (report) => {
      reports.push(report);
      options.onReport?.(report);
    },
    onDiagnostic: diagnosed,
  });
  const scheduler = real ? (options.scheduler ?? plainScheduler()) : device.effects.scheduler;
  const deviceUi = device.effects.ui;
  host = createHost({
    effects: {
      ...device.effects,
      // Real operation ids: a page holding one may cancel with it (D28); the page script mints its own anyway.
      newId: () => `op-${globalThis.crypto.randomUUID()}`,
      ...(real ? { now: wallNow } : {}),
      storage: options.storage ?? new RecordStorage(),
      scheduler,
      ui: {
        ...device.effects.ui,
        toast(operationId) {
          deviceUi.toast(operationId);
          options.onToast?.(operationId);
          if (options.acceptToasts === true) queueMicrotask(() => host?.user.acceptToast(operationId));
        },
      },
    },
    ...(options.config === undefined ? {} : { config: options.config }),
  });
  const detach = device.attach(host);
  let pumping = false;
  const pump = real
    ? setInterval(() => {
        if (pumping) return;
        pumping = true;
        void device.clock.advanceAsync(Math.max(0, wallNow() - device.clock.now())).finally(() => void (pumping = false));
      }, PUMP_MS)
    : null;
  await host.start();
  endpoint = createWebViewEndpoint(host, { allowedHosts: options.allowedHosts ?? ['portal.example.com'], transport: options.transport, onDiagnostic: diagnosed });
  const running = host;
  const open = endpoint;

  return {
    host: running,
    device,
    endpoint: open,
    reports: () => [...reports],
    callbacks: () => [...callbacks],
    diagnostics: () => [...diagnostics],
    acceptToast: (operationId) => device.user.acceptToast(operationId),
    advance: (minutes) => {
      if (real) return Promise.reject(new Error('advance() moves a virtual clock; this reference host runs on the wall clock'));
      return device.clock.advanceAsync(Math.round(minutes * 60_000));
    },
    stop() {
      open.close();
      running.stop();
      detach();
      if (pump !== null) clearInterval(pump);
      if (real) (scheduler as { dispose?(): void }).dispose?.();
    },
  };
}
