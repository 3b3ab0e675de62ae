import { Bench, type FnOptions } from 'tinybench';
import { collectGarbage } from './gc';

/*
 * Side-by-side measurement with tinybench: every task of a comparison runs in each of a few
 * rounds, in a rotated order, so that drift on a noisy machine hits all of them alike. A ratio
 * is the median over rounds of the per-round ratio; a time is the median of the round means.
 * Every task starts after a full garbage collection.
 */

/** A task to time: one call is one iteration; hooks (untimed) optional. */
export type Task = readonly [name: string, fn: () => unknown, hooks?: FnOptions];

/** Mean milliseconds per iteration of each task, one entry per round. */
export interface Comparison {
  readonly rounds: ReadonlyMap<string, readonly number[]>;
}

/** How long to measure: per task and round, in milliseconds. */
export interface MeasureOptions {
  readonly rounds?: number;
  readonly time?: number;
  readonly warmupTime?: number;
  /** Minimum iterations per task and round. */
  readonly iterations?: number;
  readonly warmupIterations?: number;
}

/** A scale for every figure: `quick` for a smoke run (`--quick`), 1 otherwise. */
export const scale = { time: 1 };

/** Run the tasks side by side; synchronous tasks only. */
export function measure(tasks: readonly Task[], options: MeasureOptions = {}): Comparison {
  const rounds = new Map<string, number[]>(tasks.map(([name]) => [name, []]));
  for (let round = 0; round < (options.rounds ?? 3); round++) {
    const bench = benchFor(tasks, options, round);
    bench.runSync();
    collect(bench, rounds);
  }
  return { rounds };
}

/** Like {@link measure}, for tasks that return promises. */
export async function measureAsync(tasks: readonly Task[], options: MeasureOptions = {}): Promise<Comparison> {
  const rounds = new Map<string, number[]>(tasks.map(([name]) => [name, []]));
  for (let round = 0; round < (options.rounds ?? 3); round++) {
    const bench = benchFor(tasks, options, round);
    await bench.run();
    collect(bench, rounds);
  }
  return { rounds };
}

function benchFor(tasks: readonly Task[], options: MeasureOptions, round: number): Bench {
  const bench = new Bench({
    time: (options.time ?? 200) * scale.time,
    warmupTime: (options.warmupTime ?? 50) * scale.time,
    iterations: options.iterations ?? 16,
    warmupIterations: options.warmupIterations ?? 8,
    throws: true,
    setup: () => collectGarbage(),
  });
  const order = tasks.map((_, i) => tasks[(i + round) % tasks.length]!);
  for (const [name, fn, hooks] of order) bench.add(name, fn, hooks);
  return bench;
}

function collect(bench: Bench, rounds: Map<string, number[]>): void {
  for (const task of bench.tasks) {
    const result = task.result;
    if (!('latency' in result)) throw new Error(`bench task ${task.name} did not complete (${result.state})`);
    rounds.get(task.name)!.push(result.latency.mean);
  }
}

/** The median of the per-round means of `name`, in milliseconds. */
export function timeOf(comparison: Comparison, name: string): number {
  return median(roundsOf(comparison, name));
}

/** The median over rounds of `name`'s time divided by `reference`'s time in the same round. */
export function ratioOf(comparison: Comparison, name: string, reference: string): number {
  const a = roundsOf(comparison, name);
  const b = roundsOf(comparison, reference);
  return median(a.map((value, i) => value / b[i]!));
}

function roundsOf(comparison: Comparison, name: string): readonly number[] {
  const values = comparison.rounds.get(name);
  if (values === undefined || values.length === 0) throw new Error(`no measurement named ${name}`);
  return values;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Time one call of `fn` (for work too long or too stateful to repeat many times), best of `repeat`. */
export function timeOnce(fn: () => void, repeat = 1): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/**
 * Milliseconds of CPU the process has used (user + system, every thread: the garbage
 * collector's helpers included). On a machine other work shares, a cost measured this way
 * holds where wall time counts the waits for a core.
 */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
