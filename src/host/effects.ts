import type { ProfileState } from '../../machines/types';
import type { CallbackScript, DiagnosticNotice, Report } from '../core/commands';
import type { CoreState } from '../core/state';
import type { ProgressStage } from '../../machines/types';

/** A value now or later: every effect may answer synchronously or with a promise. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * An error an effect may throw or reject with to name the activation error the portal should
 * see (e.g. `{ activationError: 'serverNotReachable' }`). Anything else becomes `unknownError`.
 */
export interface EffectError {
  readonly activationError: string;
  readonly message?: string;
}

/** The eUICC's Local Profile Assistant. The core never runs two of these at once. */
export interface LpaEffects {
  /**
   * Download and install the profile. Must be idempotent: the same request again after a
   * restart must not install a second copy. Resolves with the installed profile's ICCID.
   */
  download(request: {
    readonly operationId: string;
    readonly activationCode: string;
    readonly confirmationCode: string | null;
    readonly onProgress: (percent: number) => void;
  }): MaybePromise<{ readonly iccid: string }>;
  /** Ask SM-DS for a pending profile; resolves with its activation code, or null when none is there yet. */
  discover(request: { readonly operationId: string }): MaybePromise<{ readonly activationCode: string } | null>;
  /** Enable (activate) an installed profile. */
  enable(request: { readonly operationId: string; readonly iccid: string }): MaybePromise<void>;
  /** Whether a profile is on the eUICC, and whether it is the enabled one. */
  profileState(request: { readonly operationId: string; readonly iccid: string }): MaybePromise<ProfileState>;
}

/** The cellular modem. Registration changes come back through `host.registrationChanged`. */
export interface ModemEffects {
  register(request: { readonly operationId: string; readonly iccid: string }): MaybePromise<void>;
}

/** Timers: one per operation, identified by `timerId`. Setting an id again replaces its timer. */
export interface SchedulerEffects {
  /** Call `fire` at or after `at` (epoch ms); at once if `at` has passed. */
  set(timerId: string, at: number, fire: () => void): void;
  clear(timerId: string): void;
}

/** What the user sees. The user's answers come back through `host.user`. */
export interface UiEffects {
  progress(operationId: string, stage: ProgressStage, percent: number | null): void;
  /** "Your profile will be installed later": the download is scheduled for `at`. */
  scheduled(operationId: string, at: number): void;
  /** The "ready to download" toast; the user accepts or dismisses it. */
  toast(operationId: string): void;
  hideToast(operationId: string): void;
  /** Ask the user for the confirmation code (attempt 1, 2, ...). */
  confirmationCode(operationId: string, attempt: number): void;
  /** Close the portal and bring the Mobile Plans app back. */
  returnToApp(operationId: string): void;
}

/** Where the persisted document lives. `save` is awaited before any command of its step runs. */
export interface StorageEffects {
  load(): MaybePromise<CoreState | null>;
  save(document: CoreState): MaybePromise<void>;
}

/**
 * Everything the host application provides: the core's only way to touch the world.
 * `src/sim` has a complete simulated implementation.
 */
export interface Effects {
  /** Epoch milliseconds. */
  now(): number;
  readonly lpa: LpaEffects;
  readonly modem: ModemEffects;
  readonly scheduler: SchedulerEffects;
  readonly ui: UiEffects;
  readonly storage: StorageEffects;
  /** Call a portal callback script with its JSON argument (the portal bridge resolves the script). */
  callback(operationId: string, script: CallbackScript, args: string): void;
  /** The one report of a finished operation. */
  report(report: Report): void;
  /** A diagnostic for the log: bad portal input, a failed effect, an ignored input. */
  diagnostic(notice: DiagnosticNotice): void;
}
