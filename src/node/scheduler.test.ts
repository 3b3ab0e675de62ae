import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createScheduler } from './scheduler';

/*
 * Vitest's fake timers (@sinonjs/fake-timers) keep two clocks, as a machine does: the timers'
 * own (monotonic) time, which `advanceTimersByTime` moves, and the wall clock, which
 * `setSystemTime` steps without firing anything: a clock jump, or a machine that slept.
 */

const START = Date.UTC(2026, 11, 1);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: START });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createScheduler', () => {
  it('fires at the time set, never a millisecond before', () => {
    const scheduler = createScheduler();
    const fired: number[] = [];
    scheduler.set('op-1', START + 15 * MINUTE, () => void fired.push(Date.now()));
    vi.advanceTimersByTime(15 * MINUTE - 1);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([START + 15 * MINUTE]);
    vi.advanceTimersByTime(DAY);
    expect(fired).toHaveLength(1);
  });

  it('waits 30 days (past setTimeout\'s 2^31 ms, which would fire at once)', () => {
    const scheduler = createScheduler();
    const fired: number[] = [];
    scheduler.set('op-1', START + 30 * DAY, () => void fired.push(Date.now()));
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(30 * DAY - 2);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([START + 30 * DAY]);
  });

  it('a timer whose time passed fires at once (on the next turn, not inside set)', () => {
    const scheduler = createScheduler();
    const fire = vi.fn();
    scheduler.set('op-1', START - MINUTE, fire);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('the wall clock jumps forward (or the machine slept) past a deadline: it fires within recheckEveryMs', () => {
    const scheduler = createScheduler({ recheckEveryMs: MINUTE });
    const fire = vi.fn();
    scheduler.set('op-1', START + 60 * MINUTE, fire);
    vi.advanceTimersByTime(10 * MINUTE);
    vi.setSystemTime(Date.now() + 2 * 60 * MINUTE); // the timers' clock did not move
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(MINUTE);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('the wall clock steps back: it waits for the wall clock to reach the time', () => {
    const scheduler = createScheduler();
    const fired: number[] = [];
    scheduler.set('op-1', START + 10 * MINUTE, () => void fired.push(Date.now()));
    vi.setSystemTime(START - 60 * MINUTE);
    vi.advanceTimersByTime(10 * MINUTE); // the platform timer has waited its 10 minutes
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(60 * MINUTE);
    expect(fired).toEqual([START + 10 * MINUTE]);
  });

  it('set replaces the timer of the same id; clear cancels it', () => {
    const scheduler = createScheduler();
    const first = vi.fn();
    const second = vi.fn();
    const cleared = vi.fn();
    scheduler.set('op-1', START + MINUTE, first);
    scheduler.set('op-1', START + 2 * MINUTE, second);
    scheduler.set('op-2', START + MINUTE, cleared);
    scheduler.clear('op-2');
    vi.advanceTimersByTime(90_000);
    expect([first.mock.calls.length, second.mock.calls.length, cleared.mock.calls.length]).toEqual([0, 0, 0]);
    vi.advanceTimersByTime(30_000);
    expect([first.mock.calls.length, second.mock.calls.length, cleared.mock.calls.length]).toEqual([0, 1, 0]);
  });

  it('timers due together fire in order of their time, and one that throws does not stop the others', () => {
    const scheduler = createScheduler();
    const order: string[] = [];
    scheduler.set('late', START + 3 * MINUTE, () => void order.push('late'));
    scheduler.set('throws', START + 2 * MINUTE, () => {
      order.push('throws');
      throw new Error('a broken fire');
    });
    scheduler.set('early', START + MINUTE, () => void order.push('early'));
    vi.setSystemTime(START + 10 * MINUTE);
    vi.advanceTimersByTime(MINUTE);
    expect(order).toEqual(['early', 'throws', 'late']);
  });

  it('a timer set again from inside its own firing (the host re-arming) is kept', () => {
    const scheduler = createScheduler();
    let count = 0;
    const fire = (): void => {
      count += 1;
      if (count === 1) scheduler.set('op-1', START + 2 * MINUTE, fire);
    };
    scheduler.set('op-1', START + MINUTE, fire);
    vi.advanceTimersByTime(2 * MINUTE);
    expect(count).toBe(2);
  });

  it('dispose clears every platform timer (the process can exit) and ignores later sets', () => {
    const scheduler = createScheduler();
    const fire = vi.fn();
    scheduler.set('op-1', START + MINUTE, fire);
    scheduler.set('op-2', START + 30 * DAY, fire);
    expect(vi.getTimerCount()).toBe(1); // one platform timer for all of them
    scheduler.dispose();
    expect(vi.getTimerCount()).toBe(0);
    scheduler.set('op-3', START + MINUTE, fire);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(31 * DAY);
    expect(fire).not.toHaveBeenCalled();
  });

  it('takes its clock and timer functions from options', () => {
    let now = 1_000;
    const pending: Array<{ callback: () => void; ms: number }> = [];
    const scheduler = createScheduler({ now: () => now, setTimeout: (callback, ms) => pending.push({ callback, ms }), clearTimeout: () => {}, recheckEveryMs: 500 });
    const fire = vi.fn();
    scheduler.set('op-1', 3_000, fire);
    expect(pending.at(-1)?.ms).toBe(500); // never sleeps past the recheck bound
    now = 3_000;
    pending.at(-1)!.callback();
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('refuses a time that is not a number and a recheck bound out of range, with a clear error', () => {
    const scheduler = createScheduler();
    expect(() => scheduler.set('op-1', Number.NaN, () => {})).toThrow(TypeError);
    expect(() => createScheduler({ recheckEveryMs: 0 })).toThrow(/recheckEveryMs/);
    expect(() => createScheduler({ recheckEveryMs: 2 ** 31 })).toThrow(RangeError);
  });
});
