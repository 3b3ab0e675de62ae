import { describe, expect, it } from 'vitest';
import { WorkQueue } from './workQueue';

describe('WorkQueue', () => {
  it('gives items back first in, first out across compactions, with items put back in front', () => {
    const queue = new WorkQueue<number>();
    const model: number[] = [];
    let next = 0;
    // A deterministic mix of pushes, shifts and put-backs, long enough to compact several times.
    for (let round = 0; round < 20_000; round++) {
      const kind = (round * 7919) % 10;
      if (kind < 5) {
        queue.push(next);
        model.push(next++);
      } else if (kind < 9) {
        expect(queue.shift()).toBe(model.shift());
      } else {
        const back = [next++, next++];
        queue.unshiftAll(back);
        model.unshift(...back);
      }
      expect(queue.length).toBe(model.length);
    }
    while (model.length > 0) expect(queue.shift()).toBe(model.shift());
    expect(queue.shift()).toBeUndefined();
  });

  it('costs the same per item at 1k and 100k items waiting', () => {
    const perItem = (count: number): number => {
      const queue = new WorkQueue<number>();
      for (let i = 0; i < count; i++) queue.push(i);
      const start = performance.now();
      while (queue.shift() !== undefined);
      return (performance.now() - start) / count;
    };
    perItem(100_000); // warm up
    const small = Math.min(perItem(1_000), perItem(1_000), perItem(1_000));
    const large = Math.min(perItem(100_000), perItem(100_000));
    // Array.shift at 100k is ~100× its 1k cost; a head index keeps it flat (generous bound for a loaded machine).
    expect(large).toBeLessThan(small * 10 + 0.001);
  });
});
