/** What the heap orders by: time, then the order of scheduling. */
export interface Timed {
  readonly at: number;
  readonly seq: number;
}

function earlier(a: Timed, b: Timed): number {
  return a.at - b.at || a.seq - b.seq;
}

// A binary min-heap ordered by (at, seq): advancing the clock stays O(log n) with thousands of timers.
// Entries move into a hole instead of being swapped: no allocation, half the writes.

/** Add an entry to a heap. */
export function heapPush<T extends Timed>(heap: T[], entry: T): void {
  let i = heap.length;
  heap.push(entry);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const above = heap[parent]!;
    if (earlier(above, entry) <= 0) break;
    heap[i] = above;
    i = parent;
  }
  heap[i] = entry;
}

/** Remove the earliest entry of a heap (the one at index 0). */
export function heapPop<T extends Timed>(heap: T[]): void {
  const last = heap.pop();
  const size = heap.length;
  if (last === undefined || size === 0) return;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= size) break;
    const right = left + 1;
    const child = right < size && earlier(heap[right]!, heap[left]!) < 0 ? right : left;
    if (earlier(heap[child]!, last) >= 0) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = last;
}
