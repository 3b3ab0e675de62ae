import type { ActivationFailure } from './errors';

/*
 * What a script can make the simulated LPA answer, per kind of call.
 */

/** An answer that takes virtual time: it comes `durationMs` later, with progress on the way. */
export interface Slow<T> {
  readonly slow: {
    readonly durationMs: number;
    /** Downloads only: how many progress reports, evenly spaced, the last (100%) at the end. Default 4. */
    readonly progressSteps?: number;
    /** What the answer is when it comes. Default `'success'` (`'nothing'` for discovery). */
    readonly then?: T;
  };
}

/**
 * A download that answers at once: `'success'`, an activation error, or a confirmation code the
 * SM-DP+ demands for this activation code from now on (`confirmationCodeMissing` without one,
 * `incorrectConfirmationCode` when wrong, `confirmationCodeMaxRetriesExceeded` at the last
 * wrong attempt).
 */
export type ImmediateDownloadOutcome = 'success' | ActivationFailure | { readonly requireConfirmationCode: string; readonly maxRetries?: number };
/** How the next download goes. */
export type DownloadOutcome = ImmediateDownloadOutcome | Slow<ImmediateDownloadOutcome>;
/** SM-DS has a profile (its code given, or one made up), has nothing yet, or fails. */
export type ImmediateDiscoverOutcome = { readonly profileReady: true; readonly activationCode?: string } | 'nothing' | ActivationFailure;
/** How the next discovery goes. */
export type DiscoverOutcome = ImmediateDiscoverOutcome | Slow<ImmediateDiscoverOutcome>;
/** `'success'` does the real thing on the eUICC (enable it; tell its state); else fail. */
export type ImmediateEuiccOutcome = 'success' | ActivationFailure;
/** How the next enable or profile query goes. */
export type EuiccOutcome = ImmediateEuiccOutcome | Slow<ImmediateEuiccOutcome>;

/** The scriptable outcome of each kind of LPA call. */
export interface LpaOutcomes {
  download: DownloadOutcome;
  discover: DiscoverOutcome;
  enable: EuiccOutcome;
  profileState: EuiccOutcome;
}

/** The kinds of LPA call that can be scripted. */
export type LpaKind = keyof LpaOutcomes;

/** Whether an outcome takes virtual time. */
export function isSlow<T>(outcome: T | Slow<T>): outcome is Slow<T> {
  return typeof outcome === 'object' && outcome !== null && 'slow' in outcome;
}
