import type { FlowName, Outcome } from '../../machines/types';
import type { Command } from '../core/commands';
import type { Input, PortalCall, Reply } from '../core/inputs';
import { restoreDocument, type Quarantined } from '../core/document';
import { createState, type CoreConfig, type CoreState } from '../core/state';
import { step } from '../core/step';
import type { FlowTiming } from '../../machines/types';
import type { NetworkRegistrationState } from '../domain/enums';
import type { Effects } from './effects';
import { runCommand } from './run';

/** Host configuration: the core's, each part optional. */
export type HostConfig = Partial<Omit<CoreConfig, 'timing'>> & { timing?: Partial<FlowTiming> };

/** An operation as the host lists it. */
export interface OperationView {
  /** The operation's id, as the portal holds it. */
  readonly id: string;
  /** Which flow it runs. */
  readonly flow: FlowName;
  /** The flow machine's current state, e.g. `scheduled`, `toastShown`, `connected`. */
  readonly state: string;
  /** True while it runs; false once it has reported. */
  readonly live: boolean;
  /** How it ended; absent while it is live. */
  readonly outcome?: Outcome;
}

/** Inputs that carry no time: the host stamps them with `effects.now()`. */
type Untimed<T> = T extends { now: number } ? Omit<T, 'now'> : never;

/** The embedded runtime: feeds inputs to the pure core and executes what it asks for. */
export interface Host {
  /**
   * Load the persisted document (if any), then restore: re-arm deadlines, resume interrupted
   * work. Await it before the first input: a document it loads replaces whatever state inputs
   * sent earlier had built.
   */
  start(): Promise<void>;
  /**
   * A portal hand-off.
   * @param call - the hand-off, as the portal bridge copied it
   * @param origin - the calling page's origin (`https://host[:port]`); only it may cancel the operation
   */
  call(call: PortalCall, origin?: string): Reply;
  /**
   * `notifyOperationCancel`: true when the operation was still inside its cancel window.
   * @param operationId - the operation's id
   * @param origin - the asking page's origin; must be the one that started the operation (none for one no page started)
   */
  cancel(operationId: string, origin?: string): boolean;
  /** A timer fired (the scheduler effect also receives a `fire` callback). */
  fire(timerId: string): void;
  /** The modem reports a registration change for a profile. */
  registrationChanged(iccid: string, state: NetworkRegistrationState): void;
  /** The user's answers to the toast, the confirmation prompt and the app. */
  readonly user: {
    /**
     * The user accepted the "ready to download" toast: the download begins (after the confirmation prompt if the code needs one).
     * @param operationId - the operation from `ui.toast`
     */
    acceptToast(operationId: string): void;
    /**
     * The user dismissed the toast: the download waits to be started from the app, until it expires.
     * @param operationId - the operation from `ui.toast`
     */
    dismissToast(operationId: string): void;
    /**
     * The user started a dismissed or ignored download from the app.
     * @param operationId - the operation waiting for the user
     */
    startDownload(operationId: string): void;
    /**
     * The confirmation code the user typed; kept as a secret and sent only with the download.
     * @param operationId - the operation from `ui.confirmationCode`
     * @param code - the code as typed
     */
    confirmationCode(operationId: string, code: string): void;
    /**
     * The user gave up at the confirmation prompt: the operation fails with `operationAborted`.
     * @param operationId - the operation from `ui.confirmationCode`
     */
    abort(operationId: string): void;
  };
  /** The portal was opened with this transaction id (spec: portal launch parameters). */
  launch(transactionId: string): void;
  /** The portal was closed: later callbacks are kept in each operation's history, not delivered. */
  closePortal(): void;
  /** Any input, stamped with the current time. */
  send(input: Untimed<Input>): Reply;
  /** The current state (the persisted document). Read it; do not change it. */
  state(): CoreState;
  /** Live operations, then the finished ones the core keeps. */
  operations(): OperationView[];
  /** Resolves once no effect is in flight and every command has run. */
  idle(): Promise<void>;
  /** Drop the host: nothing more runs, effect answers arriving later are ignored. */
  stop(): void;
}

/** What `createHost` takes: the effects the host application implements, and configuration. */
export interface HostOptions {
  /** Everything the host application provides (LPA, modem, scheduler, UI, storage, clock, ...). */
  readonly effects: Effects;
  /** Delay rounding, timing and retention, over `DEFAULT_CONFIG`; a loaded document keeps its own. */
  readonly config?: HostConfig;
  /** Opt-in observer of every step (for logs, traces and tests); it must not throw. */
  readonly observe?: (step: ObservedStep) => void;
  /**
   * Told, during `start()`, about every part of the loaded document that could not be used: the
   * whole document (not one, an unknown version, a broken frame: the host starts empty) or one
   * operation's record (the others resume). The next save replaces the stored document, so keep
   * what you are given here if you want it back. It holds credentials: store it like `secrets`.
   * Each is also a `documentQuarantined` diagnostic (without the credentials).
   */
  readonly onQuarantine?: (quarantined: Quarantined) => void;
}

/** One step as an observer sees it: the input (with its time), the commands, the reply. */
export interface ObservedStep {
  /** The input, stamped with its time. */
  readonly input: Input;
  /** The commands the step asked for, in order, before any has run (an `lpa.download` carries its codes in clear). */
  readonly commands: readonly Command[];
  /** The step's synchronous answer. */
  readonly reply: Reply;
}

type Work = { kind: 'command'; command: Command } | { kind: 'saved'; saving: Promise<void> };

/**
 * Create the embedded runtime. Every input runs one pure step; its state is saved before any
 * of its commands runs (write-ahead); commands run one at a time in order through `effects`,
 * and their answers come back as inputs. Effect failures become activation errors or
 * diagnostics, never unhandled rejections.
 * @example
 * const host = createHost({ effects });
 * await host.start();
 * const reply = host.call({ kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata, activationCode });
 */
export function createHost(options: HostOptions): Host {
  const { effects } = options;
  let state = createState(options.config ?? {});
  let stopped = false;
  const work: Work[] = [];
  let draining = false;
  let inFlight = 0;
  let idleWaiters: Array<() => void> = [];

  const send = (input: Untimed<Input>): Reply => {
    if (stopped) return { type: 'ignored', reason: 'the host is stopped' };
    const timed = { ...input, now: effects.now(), ...(input.type === 'portal.call' && input.operationId === undefined ? { newOperationId: newOperationId(effects) } : {}) } as Input;
    const result = step(state, timed);
    state = result.state;
    if (options.observe !== undefined) safely(() => options.observe!({ input: timed, commands: result.commands, reply: result.reply }));
    const saving = save();
    if (saving !== undefined) work.push({ kind: 'saved', saving });
    for (const command of result.commands) work.push({ kind: 'command', command });
    drain();
    return result.reply;
  };

  // A failed save is reported and the step goes on: the work it promised still has to happen.
  const save = (): Promise<void> | undefined => {
    try {
      const saving = effects.storage.save(state);
      return saving instanceof Promise ? saving.catch((error: unknown) => effectFailed('storage.save', error)) : undefined;
    } catch (error) {
      effectFailed('storage.save', error);
      return undefined;
    }
  };

  const effectFailed = (what: string, error: unknown): void => {
    const message = error instanceof Error ? error.message : typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
    safely(() => effects.diagnostic({ operationId: null, entryPoint: null, diagnostic: { code: 'effectFailed', severity: 'error', field: what, message: `${what} failed: ${message}` } }));
  };

  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight += 1;
    return promise.finally(() => {
      inFlight -= 1;
      settle();
    });
  };

  const context = { effects, send: (input: Untimed<Input>) => void send(input), fire: (timerId: string) => host.fire(timerId), track, effectFailed, isStopped: () => stopped };

  function drain(): void {
    if (draining) return;
    draining = true;
    try {
      while (work.length > 0 && !stopped) {
        const next = work[0]!;
        if (next.kind === 'saved') {
          // Write-ahead: the commands after this save wait until it is stored.
          work.shift();
          draining = false;
          void track(next.saving).then(drain);
          return;
        }
        work.shift();
        runCommand(next.command, context);
      }
    } finally {
      draining = false;
    }
    settle();
  }

  function settle(): void {
    if (work.length === 0 && inFlight === 0 && !draining) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  const host: Host = {
    async start() {
      const loaded: unknown = await track(Promise.resolve().then(() => effects.storage.load()));
      const restored = restoreDocument(loaded, options.config ?? {});
      state = restored.state;
      for (const quarantined of restored.quarantined) quarantine(effects, options, quarantined);
      send({ type: 'restore' });
    },
    call: (call, origin) => send({ type: 'portal.call', call, ...(origin === undefined ? {} : { origin }) }),
    cancel: (operationId, origin) => {
      const reply = send({ type: 'portal.cancel', operationId, ...(origin === undefined ? {} : { origin }) });
      return reply.type === 'cancel' && reply.cancelled;
    },
    fire: (timerId) => void send({ type: 'timer.fired', timerId }),
    registrationChanged: (iccid, registration) => void send({ type: 'modem.registration', iccid, state: registration }),
    user: {
      acceptToast: (operationId) => void send({ type: 'user.toastAccepted', operationId }),
      dismissToast: (operationId) => void send({ type: 'user.toastDismissed', operationId }),
      startDownload: (operationId) => void send({ type: 'user.startDownload', operationId }),
      confirmationCode: (operationId, code) => void send({ type: 'user.confirmationCode', operationId, code }),
      abort: (operationId) => void send({ type: 'user.abort', operationId }),
    },
    launch: (transactionId) => void send({ type: 'portal.launched', transactionId }),
    closePortal: () => void send({ type: 'portal.closed' }),
    send,
    state: () => state,
    operations: () => [
      ...Object.values(state.operations).map((op) => ({ id: op.id, flow: op.flow, state: op.value, live: true })),
      ...Object.values(state.finished).map((op) => ({ id: op.id, flow: op.flow, state: op.value, live: false, outcome: op.report.outcome })),
    ],
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settle();
      }),
    stop: () => {
      stopped = true;
      work.length = 0;
      settle();
    },
  };
  return host;
}

/** Hand a quarantined part to the host application, and log it without its credentials. */
function quarantine(effects: Effects, options: HostOptions, quarantined: Quarantined): void {
  if (options.onQuarantine !== undefined) safely(() => options.onQuarantine!(quarantined));
  const what = quarantined.kind === 'document' ? 'the loaded document was set aside and the host starts empty' : `the ${quarantined.kind === 'finished' ? 'finished ' : ''}operation was set aside and the others resume`;
  const operationId = quarantined.kind === 'document' ? null : quarantined.operationId;
  safely(() => effects.diagnostic({ operationId, entryPoint: null, diagnostic: { code: 'documentQuarantined', severity: 'error', field: 'document', message: `${what}: ${quarantined.reason}` } }));
}

/** The id of a new operation: from `effects.newId` when given and usable, else a random UUID. */
function newOperationId(effects: Effects): string {
  try {
    const id: unknown = effects.newId?.();
    if (typeof id === 'string' && id.length > 0 && id.length <= 120) return id;
  } catch {
    // A failing id source must not refuse the hand-off: fall back to the random one.
  }
  return `op-${globalThis.crypto.randomUUID()}`;
}

function safely(action: () => void): void {
  try {
    action();
  } catch {
    // A failing diagnostic sink must not take the host down.
  }
}
