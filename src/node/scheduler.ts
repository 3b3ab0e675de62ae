import type { SchedulerEffects } from '../host/effects';

/** The clock and timer functions a scheduler uses; tests give their own (or vitest's fake timers). */
export interface SchedulerOptions {
  /** Wall-clock time, epoch ms: the same clock as the host's `effects.now`. Default `Date.now`. */
  readonly now?: () => number;
  /** Default the global `setTimeout`. */
  readonly setTimeout?: (callback: () => void, ms: number) => unknown;
  /** Default the global `clearTimeout`. */
  readonly clearTimeout?: (handle: unknown) => void;
  /**
   * The longest the scheduler sleeps before it looks at `now()` again, ms (default one minute):
   * how late at most a timer fires after the machine slept or the wall clock jumped forward.
   */
  readonly recheckEveryMs?: number;
}

/** A scheduler that can be shut down. */
export interface Scheduler extends SchedulerEffects {
  /** Clear every timer, so that the process can exit; later `set` calls are ignored. */
  dispose(): void;
}

/** The longest wait `setTimeout` takes as it is (2^31 − 1 ms, about 24.8 days); a longer one fires at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;
const DEFAULT_RECHECK_MS = 60_000;

/**
 * The host's timers on one platform timer, measured against the wall clock: a timer fires at
 * the first wake-up at which `now()` has reached its time, so it never fires early, whatever
 * the platform timer did (woke early, or the clock was stepped back). The scheduler never
 * sleeps longer than `recheckEveryMs`, so a wait of 30 days (past `setTimeout`'s 2^31 ms) is a
 * chain of short ones, and a timer that fell due while the machine slept or the clock jumped
 * forward fires within that bound. Timers due together fire in order of their time.
 *
 * @example
 * const scheduler = createScheduler();
 * const host = createHost({ effects: { ...effects, scheduler } });
 * process.once('SIGTERM', () => { host.stop(); scheduler.dispose(); });
 */
export function createScheduler(options: SchedulerOptions = {}): Scheduler {
  const now = options.now ?? (() => Date.now());
  const arm = options.setTimeout ?? ((callback, ms) => setTimeout(callback, ms));
  const disarm = options.clearTimeout ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const recheckMs = options.recheckEveryMs ?? DEFAULT_RECHECK_MS;
  if (!(recheckMs > 0 && recheckMs <= MAX_TIMEOUT_MS)) throw new RangeError(`createScheduler: recheckEveryMs must be between 1 and ${MAX_TIMEOUT_MS}, got ${recheckMs}`);
  const timers = new Map<string, { readonly at: number; readonly fire: () => void }>();
  let wake: { readonly handle: unknown; readonly at: number } | null = null;
  let disposed = false;

  /** Sleep until the earliest timer is due, or the recheck bound, whichever comes first. */
  function sleep(): void {
    if (wake !== null) disarm(wake.handle);
    wake = null;
    if (disposed || timers.size === 0) return;
    let earliest = Infinity;
    for (const timer of timers.values()) earliest = Math.min(earliest, timer.at);
    const ms = Math.min(Math.max(0, earliest - now()), recheckMs);
    wake = { handle: arm(tick, ms), at: earliest };
  }

  function tick(): void {
    wake = null;
    const time = now();
    const due = [...timers].filter(([, timer]) => timer.at <= time).sort(([, a], [, b]) => a.at - b.at);
    for (const [timerId, timer] of due) {
      // A timer replaced or cleared by an earlier one's firing is not this one any more.
      if (timers.get(timerId) !== timer) continue;
      timers.delete(timerId);
      try {
        timer.fire();
      } catch {
        // One firing's failure must not keep the others from firing.
      }
    }
    sleep();
  }

  return {
    set(timerId, at, fire) {
      if (disposed) return;
      if (typeof fire !== 'function' || typeof at !== 'number' || Number.isNaN(at)) throw new TypeError(`scheduler.set(${JSON.stringify(timerId)}): needs a time (epoch ms) and a function to fire`);
      timers.set(timerId, { at, fire });
      // Re-planned only when this timer comes before the planned wake-up (or nothing is planned).
      if (wake === null || at < wake.at) sleep();
    },
    clear(timerId) {
      if (timers.delete(timerId) && timers.size === 0) sleep();
    },
    dispose() {
      disposed = true;
      timers.clear();
      sleep();
    },
  };
}
