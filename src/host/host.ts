import type { FlowName, FlowTiming, Outcome } from '../../machines/types';
import type { Command } from '../core/commands';
import type { Input, PortalCall, Reply } from '../core/inputs';
import { restoreDocument, type Quarantined } from '../core/document';
import { createState, type CoreConfig, type CoreState } from '../core/state';
import { step } from '../core/step';
import type { NetworkRegistrationState } from '../domain/enums';
import type { Effects } from './effects';
import { callEffect } from './effectCall';
import { runCommand, type RunContext } from './run';
import { WorkQueue } from './workQueue';
import { PendingChanges } from './pendingChanges';
import type { Untimed } from './untimed';

/** Host configuration: the core's, each part optional, and the host's own. */
export type HostConfig = Partial<Omit<CoreConfig, 'timing'>> & {
  timing?: Partial<FlowTiming>;
  /** How long an LPA call (download, discover, enable, profile query) may take before it fails with `unknownError`, ms; default 10 minutes (`DEFAULT_LPA_TIMEOUT_MS`). */
  lpaTimeoutMs?: number;
};

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
  /**
   * The portal was opened with this transaction id (spec: portal launch parameters; build the
   * launch with `portalLaunch`). An id that is not 1 to 64 printable characters is refused:
   * the portal stays as it was and the reply says why.
   */
  launch(transactionId: string): Reply;
  /** The portal was closed: later callbacks are kept in each operation's history, not delivered. */
  closePortal(): void;
  /** Any input, stamped with the current time. */
  send(input: Untimed<Input>): Reply;
  /** The current state (the persisted document). Read it; do not change it. */
  state(): CoreState;
  /** Live operations, then the finished ones the core keeps, oldest finish first. */
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

/** The place of a step's save among the commands waiting: one shared marker, so a command waits as itself (no wrapper per command). */
const SAVE = Object.freeze({ type: 'save' as const });
type Work = Command | typeof SAVE;

/** How long an LPA call may take before it fails with `unknownError`: 10 minutes. */
export const DEFAULT_LPA_TIMEOUT_MS = 10 * 60_000;

/** How many times one step's save is tried before the host goes on without it. */
const SAVE_ATTEMPTS = 3;

/**
 * Create the embedded runtime. Every input runs one pure step; its state is saved before any
 * of its commands runs (write-ahead: a later step's save and commands queue behind an earlier
 * save still in flight); commands run one at a time in order through `effects`, and their
 * answers come back as inputs. Every effect call goes through one guard: failures become
 * activation errors or diagnostics, never a throw or an unhandled rejection.
 * @example
 * const host = createHost({ effects });
 * await host.start();
 * const reply = host.call({ kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata, activationCode });
 */
export function createHost(options: HostOptions): Host {
  const { effects } = options;
  const { lpaTimeoutMs = DEFAULT_LPA_TIMEOUT_MS, ...coreConfig } = options.config ?? {};
  if (typeof effects.storage.write !== 'function' && typeof effects.storage.save !== 'function') throw new TypeError('createHost: effects.storage needs write (incremental) or save (whole document)');
  let state = createState(coreConfig);
  const changes = new PendingChanges();
  let stopped = false;
  const work = new WorkQueue<Work>();
  let draining = false;
  /** A save is in flight: nothing after it in `work` may run until it ends. */
  let saving = false;
  /** False while the last step's save failed for good: reports wait (a restart would report again). */
  // Stryker disable next-line BooleanLiteral: equivalent; every report follows its step's save in the queue, and that save sets durable first
  let durable = true;
  // Stryker disable next-line ArrayDeclaration: equivalent; a value that is no command, run as one, matches no case of runCommand
  const heldReports: Command[] = [];
  /** Timers the scheduler refused to arm, retried at the next input. */
  const unarmed = new Map<string, number>();
  const lpaTimeouts = new Set<string>();
  /** Timers whose firing is being handled now. */
  const firing = new Set<string>();
  /** The host time at which a timer last fired before its deadline. */
  const earlyAt = new Map<string, number>();
  let inFlight = 0;
  let idleWaiters: Array<() => void> = [];

  const send = (input: Untimed<Input>): Reply => {
    if (stopped) return { type: 'ignored', reason: 'the host is stopped' };
    rearmRefusedTimers();
    const timed = {
      ...input,
      now: effects.now(),
      ...(input.type === 'portal.call' && input.operationId === undefined ? { newOperationId: newOperationId(effects) } : {}),
      ...(input.type === 'portal.call' && input.call.kind === 'purchaseResult' ? { physicalIccid: physicalIccid(effects) } : {}),
    } as Input;
    const result = step(state, timed);
    state = result.state;
    changes.note(result.changed);
    // Stryker disable next-line ConditionalExpression: equivalent; calling a missing observer throws inside safely
    if (options.observe !== undefined) safely(() => options.observe!({ input: timed, commands: result.commands, reply: result.reply }));
    work.push(SAVE);
    for (const command of result.commands) work.push(command);
    drain();
    return result.reply;
  };

  const effectFailed = (what: string, message: string): void => {
    safely(() => effects.diagnostic({ operationId: null, entryPoint: null, diagnostic: { code: 'effectFailed', severity: 'error', field: what, message: `${what} failed: ${message}` } }));
  };

  const track = (pending: Promise<void>): void => {
    inFlight += 1;
    void pending.finally(() => {
      inFlight -= 1;
      settle();
    });
  };

  function parkTimer(timerId: string): void {
    const deadline = Object.hasOwn(state.operations, timerId) ? state.operations[timerId]!.context.deadline : null;
    if (deadline !== null) unarmed.set(timerId, deadline);
  }

  function rearmRefusedTimers(): void {
    for (const [timerId, at] of unarmed) work.push({ type: 'scheduler.set', timerId, at });
    unarmed.clear();
  }

  const context: RunContext = {
    effects,
    send: (input) => void send(input),
    fire: (timerId) => host.fire(timerId),
    track,
    effectFailed,
    isStopped: () => stopped,
    lpaTimeoutMs,
    timerFailed: (timerId, at) => void unarmed.set(timerId, at),
    timerTouched: (timerId) => void unarmed.delete(timerId),
    lpaTimeouts,
  };

  /** Save the current state (it includes every step so far); `then` runs once the save ended, now or later. */
  function save(attempt: number, then: () => void): void {
    const written = effects.storage.write === undefined ? null : changes.take(state);
    callEffect(
      () => (written === null ? effects.storage.save!(state) : effects.storage.write!(written)),
      () => undefined,
      (outcome) => {
        if (stopped) return;
        if (outcome.ok) {
          durable = true;
          // Reports held while saves failed: the document that says they finished is stored now.
          work.unshiftAll(heldReports.splice(0));
          return then();
        }
        // What this write carried is written again by the next one.
        if (written !== null) changes.giveBack(written);
        if (attempt < SAVE_ATTEMPTS) return save(attempt + 1, then);
        // The work this step promised still has to happen; only its report waits for a stored document.
        durable = false;
        effectFailed('storage.save', `${outcome.failure.message} (${SAVE_ATTEMPTS} attempts; reports wait for the next save that succeeds)`);
        then();
      },
      track,
    );
  }

  function drain(): void {
    if (draining || saving) return;
    draining = true;
    try {
      while (work.length > 0 && !stopped && !saving) {
        const next = work.shift()!;
        if (next.type === 'save') {
          // Write-ahead: whatever follows waits until this save has ended (at once for a synchronous storage).
          saving = true;
          // Stryker disable next-line BooleanLiteral: equivalent; a drain called while draining returns at once
          let sync = true;
          save(1, () => {
            saving = false;
            // Stryker disable next-line ConditionalExpression: equivalent; a drain called while draining returns at once
            if (!sync) drain();
          });
          sync = false;
        } else if (next.type === 'report' && !durable) {
          heldReports.push(next);
        } else {
          runCommand(next, context);
        }
      }
    } finally {
      draining = false;
    }
    settle();
  }

  function settle(): void {
    // Stryker disable next-line ConditionalExpression: equivalent; work is left only while saving or draining (stop clears it)
    if (work.length === 0 && inFlight === 0 && !draining && !saving) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  const host: Host = {
    async start() {
      inFlight += 1;
      const loaded: unknown = await Promise.resolve()
        .then(() => effects.storage.load())
        .finally(() => {
          inFlight -= 1;
        });
      const restored = restoreDocument(loaded, options.config ?? {});
      state = restored.state;
      changes.restored(restored.unchanged);
      for (const quarantined of restored.quarantined) quarantine(effects, options, quarantined);
      send({ type: 'restore' });
    },
    // Stryker disable next-line ConditionalExpression: an origin: undefined reads as no origin (as in handOff.ts)
    call: (call, origin) => send({ type: 'portal.call', call, ...(origin === undefined ? {} : { origin }) }),
    cancel: (operationId, origin) => {
      // Stryker disable next-line ConditionalExpression: an origin: undefined reads as no origin (as in handOff.ts)
      const reply = send({ type: 'portal.cancel', operationId, ...(origin === undefined ? {} : { origin }) });
      return reply.type === 'cancel' && reply.cancelled;
    },
    fire: (timerId) => {
      const now = effects.now();
      // A scheduler whose clock runs ahead of effects.now() fires the re-armed timer again at once,
      // within this firing or right after it, at the same host time: it would loop. That firing
      // waits for the next input instead.
      if (firing.has(timerId) || earlyAt.get(timerId) === now) return parkTimer(timerId);
      firing.add(timerId);
      try {
        send({ type: 'timer.fired', timerId });
      } finally {
        firing.delete(timerId);
      }
      const deadline = Object.hasOwn(state.operations, timerId) ? state.operations[timerId]!.context.deadline : null;
      // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: equivalent; a firing at or past its deadline leaves a later deadline or none, and now < null is false for host times
      if (deadline !== null && now < deadline) earlyAt.set(timerId, now);
      else earlyAt.delete(timerId);
    },
    registrationChanged: (iccid, registration) => void send({ type: 'modem.registration', iccid, state: registration }),
    user: {
      acceptToast: (operationId) => void send({ type: 'user.toastAccepted', operationId }),
      dismissToast: (operationId) => void send({ type: 'user.toastDismissed', operationId }),
      startDownload: (operationId) => void send({ type: 'user.startDownload', operationId }),
      confirmationCode: (operationId, code) => void send({ type: 'user.confirmationCode', operationId, code }),
      abort: (operationId) => void send({ type: 'user.abort', operationId }),
    },
    launch: (transactionId) => send({ type: 'portal.launched', transactionId }),
    closePortal: () => void send({ type: 'portal.closed' }),
    send,
    state: () => state,
    operations: () => [
      ...Object.values(state.operations).map((op) => ({ id: op.id, flow: op.flow, state: op.value, live: true })),
      ...state.finishedOrder.map((id) => state.finished[id]!).map((op) => ({ id: op.id, flow: op.flow, state: op.value, live: false, outcome: op.report.outcome })),
    ],
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settle();
      }),
    stop: () => {
      stopped = true;
      work.clear();
      heldReports.length = 0;
      for (const timerId of lpaTimeouts) safely(() => effects.scheduler.clear(timerId));
      lpaTimeouts.clear();
      saving = false;
      settle();
    },
  };
  return host;
}

/** Hand a quarantined part to the host application, and log it without its credentials. */
function quarantine(effects: Effects, options: HostOptions, quarantined: Quarantined): void {
  // Stryker disable next-line ConditionalExpression: equivalent; calling a missing handler throws inside safely
  if (options.onQuarantine !== undefined) safely(() => options.onQuarantine!(quarantined));
  const what = quarantined.kind === 'document' ? 'the loaded document was set aside and the host starts empty' : `the ${quarantined.kind === 'finished' ? 'finished ' : ''}operation was set aside and the others resume`;
  const operationId = quarantined.kind === 'document' ? null : quarantined.operationId;
  safely(() => effects.diagnostic({ operationId, entryPoint: null, diagnostic: { code: 'documentQuarantined', severity: 'error', field: 'document', message: `${what}: ${quarantined.reason}` } }));
}

/** The id of a new operation: from `effects.newId` when given and usable, else a random UUID. */
function newOperationId(effects: Effects): string {
  try {
    // Stryker disable next-line OptionalChaining: equivalent; calling a missing newId throws into the same fallback
    const id: unknown = effects.newId?.();
    if (typeof id === 'string' && id.length > 0 && id.length <= 120) return id;
  } catch {
    // A failing id source must not refuse the hand-off: fall back to the random one.
  }
  return `op-${globalThis.crypto.randomUUID()}`;
}

/** The physical SIM's ICCID from `effects.modem.physicalIccid`; null when there is none, it fails or it is not a string. */
function physicalIccid(effects: Effects): string | null {
  try {
    // Stryker disable next-line OptionalChaining: equivalent; calling a missing physicalIccid throws into the same null
    const iccid: unknown = effects.modem.physicalIccid?.();
    return typeof iccid === 'string' ? iccid : null;
  } catch {
    // A failing slot reader counts as no physical SIM: the ICCID then takes the eUICC path.
    return null;
  }
}

function safely(action: () => void): void {
  try {
    action();
  } catch {
    // A failing diagnostic sink must not take the host down.
  }
}
