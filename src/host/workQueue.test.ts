import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkQueue } from './workQueue';

type Op = { kind: 'push' } | { kind: 'shift' } | { kind: 'unshiftAll'; count: number } | { kind: 'clear' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'push' as const }) },
  { weight: 5, arbitrary: fc.constant({ kind: 'shift' as const }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 4 }).map((count) => ({ kind: 'unshiftAll' as const, count })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
);

/** What the queue promises about memory after every operation (checked without expect: it runs 20,000 times). */
function expectBounded(queue: WorkQueue<number>): void {
  const left = queue.held - queue.length;
  // Never fewer slots than items; compacted once 1,024 have left and they are half the array; an empty queue holds nothing.
  const bounded = left >= 0 && (left < 1024 || left < queue.length) && (queue.length > 0 || queue.held === 0);
  if (!bounded) expect({ length: queue.length, held: queue.held }).toEqual('a bounded queue');
}

describe('WorkQueue', () => {
  it('behaves as an array used first in, first out, and holds only bounded memory', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const queue = new WorkQueue<number>();
        const model: number[] = [];
        let next = 0;
        for (const step of ops) {
          if (step.kind === 'push') {
            queue.push(next);
            model.push(next++);
          } else if (step.kind === 'shift') {
            expect(queue.shift()).toBe(model.shift());
          } else if (step.kind === 'unshiftAll') {
            const back = Array.from({ length: step.count }, () => next++);
            queue.unshiftAll(back);
            model.unshift(...back);
          } else {
            queue.clear();
            model.length = 0;
          }
          expect(queue.length).toBe(model.length);
          expectBounded(queue);
        }
        while (model.length > 0) expect(queue.shift()).toBe(model.shift());
        expect(queue.shift()).toBeUndefined();
        expect(queue.length).toBe(0);
      }),
    );
  });

  it('gives items back in order across compactions of a long queue', () => {
    const queue = new WorkQueue<number>();
    const model: number[] = [];
    let next = 0;
    // Grows by 3 every 10 rounds while shifting: compacts several times, with put-backs in front.
    for (let round = 0; round < 20_000; round++) {
      const kind = (round * 9) % 10;
      if (kind < 5) {
        queue.push(next);
        model.push(next++);
      } else if (kind < 9) {
        const [got, want] = [queue.shift(), model.shift()];
        if (got !== want) expect(got).toBe(want);
      } else {
        const back = [next++, next++];
        queue.unshiftAll(back);
        model.unshift(...back);
      }
      if (queue.length !== model.length) expect(queue.length).toBe(model.length);
      expectBounded(queue);
    }
    expect(Array.from({ length: queue.length }, () => queue.shift())).toEqual(model);
  });

  it('compacts once 1,024 items have left and they are half of the array, not before', () => {
    const queue = new WorkQueue<number>();
    for (let i = 0; i < 2048; i++) queue.push(i);
    for (let i = 0; i < 1023; i++) queue.shift();
    expect(queue.held).toBe(2048);
    expect(queue.shift()).toBe(1023);
    expect(queue.held).toBe(1024);
    expect(queue.shift()).toBe(1024);

    const long = new WorkQueue<number>();
    for (let i = 0; i < 3000; i++) long.push(i);
    for (let i = 0; i < 1024; i++) long.shift();
    expect(long.held).toBe(3000); // 1,024 left but less than half: a copy would cost more than it frees

    const small = new WorkQueue<number>();
    for (let i = 0; i < 10; i++) small.push(i);
    for (let i = 0; i < 5; i++) small.shift();
    expect(small.held).toBe(10); // half left, but a small queue never copies
  });

  it('puts items back into the slots freed in front, and forgets everything on clear', () => {
    const queue = new WorkQueue<string>();
    for (const item of ['a', 'b', 'c', 'd']) queue.push(item);
    queue.shift();
    queue.shift();
    queue.unshiftAll(['x', 'y']);
    expect(queue.held).toBe(4);
    queue.unshiftAll(['z']);
    expect(queue.held).toBe(5);
    expect([queue.shift(), queue.shift(), queue.shift(), queue.shift(), queue.shift()]).toEqual(['z', 'x', 'y', 'c', 'd']);
    expect(queue.held).toBe(0);

    queue.push('e');
    queue.clear();
    expect(queue.length).toBe(0);
    expect(queue.held).toBe(0);
    expect(queue.shift()).toBeUndefined();
  });
});
