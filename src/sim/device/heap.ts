/** What the heap orders by: time, then the order of scheduling. */
export interface Timed {
  readonly at: number;
  readonly seq: number;
}

function earlier(a: Timed, b: Timed): number {
  return a.at - b.at || a.seq - b.seq;
}

// A binary min-heap ordered by (at, seq): advancing the clock stays O(log n) with thousands of timers.

/** Add an entry to a heap. */
export function heapPush<T extends Timed>(heap: T[], entry: T): void {
  heap.push(entry);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (earlier(heap[parent]!, heap[i]!) <= 0) break;
    [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
    i = parent;
  }
}

/** Remove the earliest entry of a heap (the one at index 0). */
export function heapPop<T extends Timed>(heap: T[]): void {
  const last = heap.pop();
  if (last === undefined || heap.length === 0) return;
  heap[0] = last;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let smallest = i;
    if (left < heap.length && earlier(heap[left]!, heap[smallest]!) < 0) smallest = left;
    if (right < heap.length && earlier(heap[right]!, heap[smallest]!) < 0) smallest = right;
    if (smallest === i) return;
    [heap[smallest], heap[i]] = [heap[i]!, heap[smallest]!];
    i = smallest;
  }
}
