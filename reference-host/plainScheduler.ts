import type { SchedulerEffects } from '../src/host/effects';

/** The longest delay `setTimeout` takes; a longer one fires at once, so it is cut to this (the host re-arms an early firing). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * The reference host's default timers: one `setTimeout` per timer id on the wall clock, gone
 * with the process. The durable kit's `createScheduler()` takes its place for restarts.
 */
export function plainScheduler(): SchedulerEffects & { dispose(): void } {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const clear = (timerId: string): void => {
    clearTimeout(timers.get(timerId));
    timers.delete(timerId);
  };
  return {
    set(timerId, at, fire) {
      clear(timerId);
      const wait = Math.min(Math.max(0, at - Date.now()), MAX_TIMEOUT_MS);
      timers.set(timerId, setTimeout(() => {
        timers.delete(timerId);
        fire();
      }, wait));
    },
    clear,
    dispose() {
      for (const timerId of [...timers.keys()]) clear(timerId);
    },
  };
}
