import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heapPop, heapPush, type Timed } from './heap';

describe('timer heap', () => {
  it('gives entries back by time, then by scheduling order, whatever pushes and pops interleave', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }), { maxLength: 200 }), (script) => {
        const heap: Timed[] = [];
        const model: Timed[] = [];
        let seq = 0;
        for (const step of script) {
          if (step === null) {
            const expected = model.sort((a, b) => a.at - b.at || a.seq - b.seq).shift();
            expect(heap[0]).toBe(expected);
            heapPop(heap);
          } else {
            const entry = { at: step, seq: seq++ };
            heapPush(heap, entry);
            model.push(entry);
          }
          expect(heap.length).toBe(model.length);
        }
      }),
      { seed: 20261130, numRuns: 300 },
    );
  });
});
