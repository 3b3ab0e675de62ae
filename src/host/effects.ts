import type { ProfileState, ProgressStage } from '../../machines/types';
import type { CallbackScript, DiagnosticNotice, Report } from '../core/commands';
import type { CoreState } from '../core/state';
import type { DocumentChanges, StoredRecords } from '../core/storedRecords';

/** A value now or later: every effect may answer synchronously or with a promise. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * An error an effect may throw or reject with to name the activation error the portal should
 * see (e.g. `{ activationError: 'serverNotReachable' }`). Anything else becomes `unknownError`.
 */
export interface EffectError {
  /** An `ActivationError` value; an unknown one counts as `unknownError`. */
  readonly activationError: string;
  /** Details for the diagnostic log. */
  readonly message?: string;
}

/** The eUICC's Local Profile Assistant. The core never runs two of these at once. */
export interface LpaEffects {
  /**
   * Download and install the profile. Must be idempotent: the same request again after a
   * restart must not install a second copy. Resolves with the installed profile's ICCID.
   */
  download(request: {
    /** The operation it is for. */
    readonly operationId: string;
    /** The full activation code in clear (a credential: never log it). */
    readonly activationCode: string;
    /** The code the user typed; null until one was given. */
    readonly confirmationCode: string | null;
    /** Report progress, percent 0–100. */
    readonly onProgress: (percent: number) => void;
  }): MaybePromise<{
    /** ICCID of the installed profile. */
    readonly iccid: string;
  }>;
  /** Ask SM-DS for a pending profile; resolves with its activation code, or null when none is there yet. */
  discover(request: {
    /** The delayed-profile operation it is for. */
    readonly operationId: string;
  }): MaybePromise<{
    /** The profile's activation code in clear (a credential). */
    readonly activationCode: string;
  } | null>;
  /** Enable (activate) an installed profile. */
  enable(request: {
    /** The operation it is for. */
    readonly operationId: string;
    /** The profile to enable. */
    readonly iccid: string;
  }): MaybePromise<void>;
  /** Whether a profile is on the eUICC, and whether it is the enabled one. */
  profileState(request: {
    /** The operation it is for. */
    readonly operationId: string;
    /** The profile asked about. */
    readonly iccid: string;
  }): MaybePromise<ProfileState>;
}

/** The cellular modem. Registration changes come back through `host.registrationChanged`. */
export interface ModemEffects {
  /**
   * Start registering on the network with an enabled profile. A failure naming an activation
   * error (`{ activationError: 'modemNotFound' }`) ends the operation's registration with it (the
   * report's outcome is `modemFailed`); any other failure is only logged, and the registration
   * deadline decides (decision D38).
   */
  register(request: {
    /** The operation it is for. */
    readonly operationId: string;
    /** The profile to register with. */
    readonly iccid: string;
  }): MaybePromise<void>;
  /**
   * The ICCID of the SIM in the device's physical slot, or null when the slot is empty or the
   * device has none. Optional: without it every ICCID counts as an eUICC profile's. Asked at each
   * legacy `DataMart.notifyPurchaseResult`, so it must answer at once (decision D37).
   */
  physicalIccid?(): string | null;
  /**
   * Whether the device has a modem to register with. Asked before each download: false fails the
   * download with `modemNotFound` before the LPA is called, since the profile could never
   * connect. Optional: without it a modem is assumed (decision D38).
   */
  present?(): boolean;
}

/** Timers: one per operation, identified by `timerId`. Setting an id again replaces its timer. */
export interface SchedulerEffects {
  /**
   * Call `fire` at or after `at` (epoch ms); at once if `at` has passed.
   * @param timerId - the operation's id; replaces that operation's earlier timer
   * @param at - when to fire, epoch ms
   * @param fire - feeds `timer.fired` to the host (same as `host.fire(timerId)`)
   */
  set(timerId: string, at: number, fire: () => void): void;
  /**
   * Cancel the timer, if one is set: its operation left the state that armed it.
   * @param timerId - the operation's id
   */
  clear(timerId: string): void;
}

/** What the user sees. The user's answers come back through `host.user`. */
export interface UiEffects {
  /**
   * Show the operation's stage and progress.
   * @param operationId - the operation shown
   * @param stage - downloading, enabling or registering
   * @param percent - 0–100 while downloading; null when unknown (a stage's start, enabling, registering)
   */
  progress(operationId: string, stage: ProgressStage, percent: number | null): void;
  /**
   * "Your profile will be installed later": the download is scheduled for `at`.
   * @param operationId - the operation scheduled
   * @param at - when the rounded delay ends, epoch ms
   */
  scheduled(operationId: string, at: number): void;
  /**
   * The "ready to download" toast; the user accepts or dismisses it.
   * @param operationId - the operation ready; pass it back to `host.user.acceptToast` or `dismissToast`
   */
  toast(operationId: string): void;
  /**
   * Take the toast down: it was answered, or its lifetime ran out.
   * @param operationId - the operation whose toast it is
   */
  hideToast(operationId: string): void;
  /**
   * Ask the user for the confirmation code (attempt 1, 2, ...).
   * @param operationId - the operation asking; pass it back to `host.user.confirmationCode` or `abort`
   * @param attempt - which prompt this is, from 1
   */
  confirmationCode(operationId: string, attempt: number): void;
  /**
   * Close the portal and bring the Mobile Plans app back.
   * @param operationId - the operation that asks for it
   */
  returnToApp(operationId: string): void;
}

/**
 * Where the persisted document lives. Give `write` (incremental: a step writes only the records
 * it changed) or `save` (the whole document after every step); with both, `write` is used. The
 * step's write or save is awaited before any command of its step runs.
 */
export interface StorageEffects {
  /**
   * What was stored last, or null when there is none (first start): for `write`, the header and
   * every record as written; for `save`, the document. A whole document of an older format is
   * migrated, and a record that cannot be used is handed to `onQuarantine`.
   */
  load(): MaybePromise<CoreState | StoredRecords | null>;
  /**
   * Store the whole document after every step, replacing the previous one; a rejection becomes a diagnostic.
   * @param document - the core's state: plain JSON, secrets included (hosts may encrypt `secrets`)
   */
  save?(document: CoreState): MaybePromise<void>;
  /**
   * Apply one step's changes: replace the header when one is given, store each record of `put`
   * by its id, delete the ids of `remove`; with `replace`, drop everything else first. All of
   * it or none of it must become durable (a rejection: none; the host writes it again). A
   * rejection becomes a diagnostic.
   * @param changes - JSON strings: the header and the records of the operations the step changed (records hold credentials)
   */
  write?(changes: DocumentChanges): MaybePromise<void>;
}

/**
 * Everything the host application provides: the core's only way to touch the world.
 * `src/sim` has a complete simulated implementation.
 */
export interface Effects {
  /** Epoch milliseconds. */
  now(): number;
  /**
   * The id of a new operation: unguessable, since a page holding an id can cancel with it.
   * Optional: without it the host uses `op-` and `crypto.randomUUID()`. At most 120 characters
   * of letters, digits, `.`, `_`, `:` and `-`. The simulated device gives `op-1`, `op-2`, ...
   */
  newId?(): string;
  /** Download, SM-DS discovery, enabling and profile queries on the eUICC. */
  readonly lpa: LpaEffects;
  /** Network registration on a profile. */
  readonly modem: ModemEffects;
  /** Deadline timers, one per operation. */
  readonly scheduler: SchedulerEffects;
  /** Progress, scheduled notice, toast, confirmation prompt, return to the app. */
  readonly ui: UiEffects;
  /** The persisted document. */
  readonly storage: StorageEffects;
  /**
   * Call a portal callback script with its JSON argument (the portal bridge resolves the script).
   * @param operationId - the operation it is about
   * @param script - which callback: `registrationChanged` or `profileActivationComplete`
   * @param args - the JSON string the portal's function receives
   */
  callback(operationId: string, script: CallbackScript, args: string): void;
  /**
   * The one report of a finished operation.
   * @param report - outcome, times, metadata, diagnostics, callbacks; the activation code masked
   */
  report(report: Report): void;
  /**
   * A diagnostic for the log: bad portal input, a failed effect, an ignored input.
   * @param notice - the diagnostic and the operation or call it concerns
   */
  diagnostic(notice: DiagnosticNotice): void;
}
