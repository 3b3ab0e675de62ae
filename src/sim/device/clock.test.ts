import { describe, expect, it } from 'vitest';
import { DEFAULT_START_TIME, VirtualClock } from './clock';

describe('VirtualClock', () => {
  it('starts at 2026-01-01 unless told otherwise', () => {
    expect(new VirtualClock().now()).toBe(DEFAULT_START_TIME);
    expect(DEFAULT_START_TIME).toBe(1_767_225_600_000); // 2026-01-01T00:00:00Z
    expect(new VirtualClock(5).now()).toBe(5);
  });

  it('fires due entries one at a time in time order, with now() at each entry time', () => {
    const clock = new VirtualClock(0);
    const fired: Array<[string, number]> = [];
    clock.set('b', 300, () => fired.push(['b', clock.now()]));
    clock.schedule(100, () => fired.push(['work', clock.now()]));
    clock.set('a', 200, () => fired.push(['a', clock.now()]));
    clock.set('late', 1001, () => fired.push(['late', clock.now()]));
    clock.advance(1000);
    expect(fired).toEqual([['work', 100], ['a', 200], ['b', 300]]);
    expect(clock.now()).toBe(1000);
    expect(clock.pending()).toEqual([{ id: 'late', at: 1001 }]);
  });

  it('fires entries due at the same time in the order they were scheduled', () => {
    const clock = new VirtualClock(0);
    const fired: string[] = [];
    for (const name of ['first', 'second', 'third']) clock.schedule(50, () => fired.push(name));
    clock.set('timer', 50, () => fired.push('timer'));
    clock.advance(50);
    expect(fired).toEqual(['first', 'second', 'third', 'timer']);
  });

  it('never nests firings: an entry scheduled at the current time while firing runs after the current one returns', () => {
    const clock = new VirtualClock(0);
    const log: string[] = [];
    clock.schedule(10, () => {
      log.push('outer start');
      clock.set('now', clock.now(), () => log.push('inner'));
      log.push('outer end');
    });
    clock.advance(10);
    expect(log).toEqual(['outer start', 'outer end', 'inner']);
  });

  it('fires timers set during an advance when they fall within the window, and keeps the rest', () => {
    const clock = new VirtualClock(0);
    const fired: Array<[string, number]> = [];
    clock.set('op-1', 100, () => {
      fired.push(['op-1', clock.now()]);
      clock.set('op-1', clock.now() + 400, () => fired.push(['op-1 again', clock.now()]));
      clock.set('op-2', clock.now() + 5000, () => fired.push(['op-2', clock.now()]));
    });
    clock.advance(1000);
    expect(fired).toEqual([['op-1', 100], ['op-1 again', 500]]);
    expect(clock.pending()).toEqual([{ id: 'op-2', at: 5100 }]);
  });

  it('replaces a timer set again under the same id, and clear disarms it', () => {
    const clock = new VirtualClock(0);
    const fired: string[] = [];
    clock.set('op-1', 100, () => fired.push('old'));
    clock.set('op-1', 200, () => fired.push('new'));
    clock.set('op-2', 150, () => fired.push('cleared'));
    clock.clear('op-2');
    expect(clock.timer('op-1')).toBe(200);
    expect(clock.timer('op-2')).toBeUndefined();
    clock.advance(1000);
    expect(fired).toEqual(['new']);
    expect(clock.pending()).toEqual([]);
  });

  it('fires a timer whose time has passed at once, synchronously, when the clock is idle', () => {
    const clock = new VirtualClock(1000);
    const fired: number[] = [];
    clock.set('overdue', 400, () => fired.push(clock.now()));
    expect(fired).toEqual([1000]);
    expect(clock.pending()).toEqual([]);
  });

  it('cancels device work by handle', () => {
    const clock = new VirtualClock(0);
    const fired: string[] = [];
    const handle = clock.schedule(10, () => fired.push('cancelled'), 'download op-1');
    clock.schedule(20, () => fired.push('kept'), 'registration');
    expect(clock.pending()).toEqual([{ label: 'download op-1', at: 10 }, { label: 'registration', at: 20 }]);
    expect(clock.cancel(handle)).toBe(true);
    expect(clock.cancel(handle)).toBe(false);
    clock.advance(100);
    expect(fired).toEqual(['kept']);
  });

  it('advanceTo moves to an absolute time and never goes backwards', () => {
    const clock = new VirtualClock(100);
    clock.advanceTo(50);
    expect(clock.now()).toBe(100);
    clock.advanceTo(250);
    expect(clock.now()).toBe(250);
  });

  it('refuses a negative advance and an advance from inside a firing', () => {
    const clock = new VirtualClock(0);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    let inner: unknown;
    clock.schedule(1, () => {
      try {
        clock.advance(1);
      } catch (error) {
        inner = error;
      }
    });
    clock.advance(5);
    expect(inner).toBeInstanceOf(Error);
    expect(clock.now()).toBe(5);
  });

  it('runUntilIdle fires everything within reach and stops at the last entry', () => {
    const clock = new VirtualClock(0);
    const fired: number[] = [];
    clock.schedule(100, () => {
      fired.push(clock.now());
      clock.schedule(clock.now() + 100, () => fired.push(clock.now()));
    });
    clock.schedule(10_000, () => fired.push(clock.now()));
    expect(clock.runUntilIdle(1000)).toBe(200);
    expect(fired).toEqual([100, 200]);
    expect(clock.pending()).toEqual([{ at: 10_000 }]);
  });

  it('advanceAsync lets promise reactions run at the virtual time of the firing that caused them', async () => {
    const clock = new VirtualClock(0);
    const seen: Array<[string, number]> = [];
    const answer = new Promise<string>((resolve) => clock.schedule(100, () => resolve('downloaded')));
    void answer.then((value) => {
      seen.push([value, clock.now()]);
      clock.schedule(clock.now() + 50, () => seen.push(['next step', clock.now()]));
    });
    await clock.advanceAsync(1000);
    expect(seen).toEqual([['downloaded', 100], ['next step', 150]]);
    expect(clock.now()).toBe(1000);
  });

  it('keeps thousands of timers in order', () => {
    const clock = new VirtualClock(0);
    const fired: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const at = (i * 7919) % 5000;
      clock.set(`op-${i}`, at + 1, () => fired.push(at + 1));
    }
    clock.advance(10_000);
    expect(fired).toHaveLength(5000);
    expect(fired).toEqual([...fired].sort((a, b) => a - b));
  });
});
