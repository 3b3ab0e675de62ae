/**
 * A first-in first-out queue whose `shift` moves a head index instead of copying the array
 * (Array.prototype.shift copies the rest: quadratic over a 100k burst or restore). The array is
 * compacted once the items that left are half of it, so memory stays bounded.
 */
export class WorkQueue<T> {
  #items: T[] = [];
  #head = 0;

  /** How many items wait. */
  get length(): number {
    return this.#items.length - this.#head;
  }

  /** Array slots held: the waiting items plus those that left and are not compacted away yet. */
  get held(): number {
    return this.#items.length;
  }

  /** Add at the end. */
  push(item: T): void {
    this.#items.push(item);
  }

  /** Put `items`, in order, before everything waiting. */
  unshiftAll(items: readonly T[]): void {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: copying when the freed slots would fit gives the same order, only slower
    if (items.length <= this.#head) {
      this.#head -= items.length;
      for (let i = 0; i < items.length; i++) this.#items[this.#head + i] = items[i]!;
    } else {
      this.#items = [...items, ...this.#items.slice(this.#head)];
      this.#head = 0;
    }
  }

  /** Take the oldest item, or undefined when none waits. */
  shift(): T | undefined {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent; without it the one slot an empty queue writes is reset at once below
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head]!;
    this.#items[this.#head] = undefined as T; // let it be collected
    this.#head += 1;
    if (this.#head === this.#items.length) {
      this.#items.length = 0;
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items.splice(0, this.#head);
      this.#head = 0;
    }
    return item;
  }

  /** Drop everything. */
  clear(): void {
    this.#items.length = 0;
    this.#head = 0;
  }
}
