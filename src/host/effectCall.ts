import { maskActivationCodesIn } from '../domain/activationCode';
import { isActivationError, type ActivationError } from '../domain/enums';

/*
 * The one place every effect call and its answer go through. Effects are the host
 * application's code: they may throw, reject with anything (null-prototype objects, Proxies,
 * getters that throw), resolve with anything, return thenables or promises from another realm,
 * or never answer. Whatever they do becomes a value here: an answer, or a failure with a named
 * activation error and a masked message. Nothing escapes as a throw or an unhandled rejection.
 */

/** A failed effect call, described safely. */
export interface EffectFailure {
  /** The activation error the effect named (`{ activationError }`), else `unknownError`. */
  readonly activationError: ActivationError;
  /** What went wrong, for a diagnostic; activation codes (and `secret`, when given) masked. */
  readonly message: string;
}

/** How an effect call ended. */
export type EffectOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: EffectFailure };

/** Checks and converts an effect's answer; throw (anything) to turn it into a failure. */
export type AnswerCheck<T> = (answer: unknown) => T;

/** What a call in flight offers its caller. */
export interface PendingCall {
  /** True once the call has ended (answered, failed or abandoned). */
  readonly settled: boolean;
  /** End the call now with `failure` (a timeout); a later answer is ignored. */
  readonly abandon: (failure: EffectFailure) => void;
}

/**
 * Call an effect and hand its outcome to `settle`, exactly once: at once for a plain value or a
 * synchronous throw (a synchronous device stays deterministic), later for anything with a
 * `then`. `settle` itself is called inside a guard: a throw there is swallowed into `onBug`.
 * @param run - calls the effect
 * @param check - validates the answer (runs inside the guard)
 * @param settle - receives the outcome
 * @param later - receives the promise of an asynchronous answer, to track it (never rejects)
 * @param secret - a matching ID to mask in failure messages, beyond anything shaped like an activation code
 */
export function callEffect<T>(
  run: () => unknown,
  check: AnswerCheck<T>,
  settle: (outcome: EffectOutcome<T>) => void,
  later: (pending: Promise<void>) => void,
  secret?: string,
): PendingCall {
  // A plain answer or a synchronous throw (every timer, UI call and sync storage write): settled at once, no closures made.
  let value: unknown;
  let then: ReturnType<typeof thenOf>;
  try {
    value = run();
    then = thenOf(value);
  } catch (error) {
    return settledWith(settle, { ok: false, failure: failureOf(error, secret) });
  }
  if (then === undefined) return settledWith(settle, checked(value, check, secret));
  let settled = false;
  let ended: () => void = () => {};
  const end = (outcome: EffectOutcome<T>): void => {
    if (settled) return;
    settled = true;
    ended();
    try {
      settle(outcome);
    } catch {
      // The host's own handlers do not throw; a failing sink they call must not escape either.
    }
  };
  const answered = (value: unknown): void => end(checked(value, check, secret));
  const failed = (error: unknown): void => end({ ok: false, failure: failureOf(error, secret) });
  const call: PendingCall = {
    get settled() {
      return settled;
    },
    abandon: (failure) => end({ ok: false, failure }),
  };
  // Adopt any thenable (another realm's promise included) into a native promise, which also flattens nested thenables.
  const adopted = new Promise<unknown>((resolve, reject) => {
    try {
      then.call(value, resolve, reject);
    } catch (error) {
      reject(error);
    }
  });
  // Tracked until the call ends, by its answer or by `abandon` (a hung call must not keep the host busy).
  const done = new Promise<void>((resolve) => (ended = resolve));
  later(done);
  void adopted.then(answered, failed);
  return call;
}

/** A call that ended before `callEffect` returned. */
const SETTLED: PendingCall = Object.freeze({ settled: true, abandon: () => {} });

function settledWith<T>(settle: (outcome: EffectOutcome<T>) => void, outcome: EffectOutcome<T>): PendingCall {
  try {
    settle(outcome);
  } catch {
    // As in `end`: a failing sink the host's handlers call must not escape.
  }
  return SETTLED;
}

/** The `then` of a thenable, or undefined for a plain value (also when reading `then` throws: see callEffect's catch). */
function thenOf(value: unknown): ((onFulfilled: (v: unknown) => void, onRejected: (e: unknown) => void) => unknown) | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  let then: unknown;
  try {
    then = (value as { then?: unknown }).then;
  } catch {
    // A getter that throws: treat the value as a thenable that rejected.
    return (_, onRejected) => onRejected(new Error('the answer\'s "then" could not be read'));
  }
  return typeof then === 'function' ? (then as ReturnType<typeof thenOf>) : undefined;
}

function checked<T>(value: unknown, check: AnswerCheck<T>, secret: string | undefined): EffectOutcome<T> {
  try {
    return { ok: true, value: check(value) };
  } catch (error) {
    return { ok: false, failure: { activationError: 'unknownError', message: `unexpected answer: ${describeFailure(error, secret)}` } };
  }
}

/** The activation error a thrown or rejected value names, or `unknownError`; never throws. */
export function activationErrorIn(error: unknown): ActivationError {
  try {
    // null and undefined throw here (caught below); other primitives name nothing.
    const named: unknown = (error as { activationError?: unknown }).activationError;
    return isActivationError(named) ? named : 'unknownError';
  } catch {
    return 'unknownError';
  }
}

/** A thrown or rejected value as an {@link EffectFailure}; never throws. */
export function failureOf(error: unknown, secret?: string): EffectFailure {
  return { activationError: activationErrorIn(error), message: describeFailure(error, secret) };
}

const MAX_MESSAGE_LENGTH = 500;

/**
 * A printable description of anything thrown: its `message` when that is a string, else a
 * string primitive as it is, else its type. Activation codes and `secret` are masked; never throws.
 */
export function describeFailure(error: unknown, secret?: string): string {
  let text: string;
  try {
    if (typeof error === 'string') text = error;
    else if (typeof error === 'number' || typeof error === 'boolean' || typeof error === 'bigint') text = String(error);
    else if (error === null || error === undefined) text = String(error);
    else if (typeof error === 'object' || typeof error === 'function') {
      const message: unknown = (error as { message?: unknown }).message;
      text = typeof message === 'string' ? message : `a ${Array.isArray(error) ? 'array' : typeof error} without a message`;
    } else text = `a ${typeof error}`;
  } catch {
    text = 'an unreadable value (reading it threw)';
  }
  // Mask before cutting: a cut through a code could leave part of its matching ID unmasked.
  const masked = mask(text, secret);
  return masked.length > MAX_MESSAGE_LENGTH ? `${masked.slice(0, MAX_MESSAGE_LENGTH)}…` : masked;
}

function mask(text: string, secret: string | undefined): string {
  const masked = maskActivationCodesIn(text);
  return secret !== undefined && secret.length > 0 ? masked.split(secret).join('***') : masked;
}
