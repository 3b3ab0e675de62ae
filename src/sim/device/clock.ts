import type { SchedulerEffects } from '../../host/effects';
import { heapPop, heapPush } from './heap';

/** The simulator's default start time: 2026-01-01T00:00:00Z, a fixed epoch so runs repeat exactly. */
export const DEFAULT_START_TIME = 1767225600000;

/** An entry waiting on the virtual clock: a host timer (`id`) or device work (`label`). */
export interface PendingEntry {
  /** The host's timer id, for timers set through the scheduler effect. */
  readonly id?: string;
  /** What device work this is (e.g. `download op-1`), for work scheduled by the device. */
  readonly label?: string;
  /** When it fires, in virtual epoch milliseconds. */
  readonly at: number;
}

/** Lets promise reactions run: what {@link VirtualClock.advanceAsync} awaits after each firing. */
export type Settle = () => Promise<void>;

interface Entry {
  readonly seq: number;
  readonly at: number;
  readonly fire: () => void;
  readonly id: string | undefined;
  readonly label: string | undefined;
  /** False once it fired, was cleared, replaced or cancelled: the heap drops it when it reaches the top. */
  live: boolean;
}

/**
 * Lets every promise reaction queued so far run (and the ones they queue, up to `turns` deep),
 * without touching real time. The host reacts to an effect's promise within one or two turns.
 *
 * @param turns - how many microtask turns to yield
 * @example await settleMicrotasks();
 */
export async function settleMicrotasks(turns = 16): Promise<void> {
  for (let i = 0; i < turns; i++) await Promise.resolve();
}

/**
 * Virtual time for the simulated device. It is the host's scheduler (`set`/`clear`, one timer
 * per id) and runs the device's own timed work (`schedule`). Nothing happens until the clock
 * is advanced; then due entries fire one at a time in time order (ties in the order they were
 * scheduled), each with `now()` set to its own time.
 *
 * @example
 * const clock = new VirtualClock();
 * clock.set('op-1', clock.now() + 60_000, () => host.fire('op-1'));
 * clock.advance(60_000); // fires op-1 at exactly start + 60 s
 */
export class VirtualClock implements SchedulerEffects {
  #now: number;
  #seq = 0;
  #heap: Entry[] = [];
  /** Host timer id → its live entry (one map entry per armed timer: thousands of parked operations each hold one). */
  #timers = new Map<string, Entry>();
  /** Device work by handle, while it waits. */
  #work = new Map<number, Entry>();
  #advancing = false;

  /** @param startTime - the virtual epoch milliseconds the clock starts at */
  constructor(startTime: number = DEFAULT_START_TIME) {
    this.#now = startTime;
  }

  /** The current virtual time, epoch milliseconds. */
  now(): number {
    return this.#now;
  }

  /**
   * Arm the host's timer `timerId` to call `fire` at `at`, replacing any timer with that id.
   * A time already passed fires at once: synchronously when the clock is idle, or next in
   * line when the clock is advancing (so firings never nest).
   *
   * @param timerId - the host's timer id (the operation id)
   * @param at - virtual epoch milliseconds
   * @param fire - what to call when the time comes
   */
  set(timerId: string, at: number, fire: () => void): void {
    this.clear(timerId);
    if (at <= this.#now && !this.#advancing) {
      fire();
      return;
    }
    this.#timers.set(timerId, this.#push(at, fire, timerId, undefined));
  }

  /** Disarm the host's timer `timerId`; nothing happens when there is none. */
  clear(timerId: string): void {
    const entry = this.#timers.get(timerId);
    if (entry === undefined) return;
    this.#timers.delete(timerId);
    entry.live = false;
  }

  /**
   * Schedule device work at `at` (a slow download's progress, a registration step).
   * Work whose time has passed runs at the next advance, as the first thing due.
   *
   * @param at - virtual epoch milliseconds
   * @param work - what to run
   * @param label - a name for {@link pending}
   * @returns a handle for {@link cancel}
   */
  schedule(at: number, work: () => void, label?: string): number {
    const entry = this.#push(at, work, undefined, label);
    this.#work.set(entry.seq, entry);
    return entry.seq;
  }

  /** Cancel device work scheduled with {@link schedule}; returns whether it was still pending. */
  cancel(handle: number): boolean {
    const entry = this.#work.get(handle);
    if (entry === undefined) return false;
    this.#work.delete(handle);
    entry.live = false;
    return true;
  }

  /**
   * Move time forward by `ms`, firing every entry due within the window one at a time, in
   * time order, with `now()` at each entry's time; entries scheduled while advancing fire too
   * when they fall within the window. Ends with `now()` at the end of the window.
   *
   * Answers an effect gives through a promise are handled by the host only after this returns;
   * use {@link advanceAsync} when the device has slow (promise) answers in flight.
   *
   * @param ms - non-negative milliseconds
   */
  advance(ms: number): void {
    this.advanceTo(this.#now + checkMs(ms));
  }

  /** Like {@link advance}, to the absolute virtual time `time` (never backwards). */
  advanceTo(time: number): void {
    const end = this.#begin(time);
    try {
      for (let entry = this.#takeDue(end); entry !== undefined; entry = this.#takeDue(end)) entry.fire();
      this.#now = Math.max(this.#now, end);
    } finally {
      this.#advancing = false;
    }
  }

  /**
   * Like {@link advance}, but after each firing awaits `settle` so that answers given through
   * promises are handled by the host at their own virtual time, and the work they schedule
   * within the window fires in this advance too.
   *
   * @param ms - non-negative milliseconds
   * @param settle - what to await after each firing (default: a few microtask turns)
   */
  async advanceAsync(ms: number, settle: Settle = settleMicrotasks): Promise<void> {
    const end = this.#begin(this.#now + checkMs(ms));
    try {
      await settle();
      for (let entry = this.#takeDue(end); entry !== undefined; entry = this.#takeDue(end)) {
        entry.fire();
        await settle();
      }
      this.#now = Math.max(this.#now, end);
    } finally {
      this.#advancing = false;
    }
  }

  /**
   * Fire entries one by one, moving time to each, until nothing is pending or the next entry
   * lies more than `maxMs` ahead of the start. Time stays at the last entry fired.
   *
   * @param maxMs - how far ahead to look at most
   * @returns the virtual time reached
   */
  runUntilIdle(maxMs: number): number {
    const limit = this.#now + checkMs(maxMs);
    for (let next = this.#peek(); next !== undefined && next.at <= limit; next = this.#peek()) {
      this.advanceTo(Math.max(next.at, this.#now));
    }
    return this.#now;
  }

  /** Everything waiting, in the order it would fire. */
  pending(): PendingEntry[] {
    return [...this.#timers.values(), ...this.#work.values()].sort(byTime).map(({ id, label, at }) => ({
      ...(id === undefined ? {} : { id }),
      ...(label === undefined ? {} : { label }),
      at,
    }));
  }

  /** The virtual time at which the host's timer `timerId` fires, or undefined when unarmed. */
  timer(timerId: string): number | undefined {
    return this.#timers.get(timerId)?.at;
  }

  #begin(end: number): number {
    if (this.#advancing) throw new Error('VirtualClock: advance called while the clock is already advancing (from inside a firing)');
    if (!Number.isFinite(end)) throw new RangeError(`VirtualClock: cannot advance to ${end}`);
    this.#advancing = true;
    return end;
  }

  #push(at: number, fire: () => void, id: string | undefined, label: string | undefined): Entry {
    // One literal, every entry alike (no spread): one shape, no per-entry property store.
    const entry: Entry = { seq: this.#seq++, at, fire, id, label, live: true };
    heapPush(this.#heap, entry);
    return entry;
  }

  /** The earliest live entry, dropping cleared ones from the top of the heap. */
  #peek(): Entry | undefined {
    let top = this.#heap[0];
    while (top !== undefined && !top.live) {
      heapPop(this.#heap);
      top = this.#heap[0];
    }
    return top;
  }

  /** Remove and return the earliest entry due by `end`, with `now()` moved to its time. */
  #takeDue(end: number): Entry | undefined {
    const top = this.#peek();
    if (top === undefined || top.at > end) return undefined;
    heapPop(this.#heap);
    top.live = false;
    if (top.id === undefined) this.#work.delete(top.seq);
    else if (this.#timers.get(top.id) === top) this.#timers.delete(top.id);
    this.#now = Math.max(this.#now, top.at);
    return top;
  }
}

function checkMs(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`VirtualClock: cannot advance by ${ms} ms; give a non-negative number`);
  return ms;
}

function byTime(a: Entry, b: Entry): number {
  return a.at - b.at || a.seq - b.seq;
}
