import { describe, expect, it } from 'vitest';
import { conformanceCases, ConformanceError, type ConformanceCase } from './kit';
import { independentEffects, type Breakage } from './independentDevice';

/*
 * The independent effects broken on purpose in three ways: a scheduler that ignores clear, an
 * LPA whose download is not idempotent, a storage that loses the last save. The same cases
 * pass unbroken; broken, the kit fails them with a ConformanceError naming the path and the step.
 */

/** Run cases, collecting how each failed. */
async function failures(cases: readonly ConformanceCase[]): Promise<Array<{ name: string; error: unknown }>> {
  const failed: Array<{ name: string; error: unknown }> = [];
  for (const c of cases) await c.run().catch((error: unknown) => failed.push({ name: c.name, error }));
  return failed;
}

const BROKEN: ReadonlyArray<{ what: string; breakage: Breakage; flows: ConformanceCase['flow'][]; restarts: boolean; problem: RegExp }> = [
  { what: 'a scheduler that ignores clear', breakage: { schedulerIgnoresClear: true }, flows: ['delayedDownload'], restarts: false, problem: /the scheduler fired timer \S+ \(set for [^)]+\) although the host cleared it at step \d+ of \d+ \(portal\.cancel → cancelled\)/ },
  { what: 'an LPA whose download is not idempotent', breakage: { downloadNotIdempotent: true }, flows: ['inlineDownload'], restarts: true, problem: /lpa\.download is not idempotent: the same activation code, downloaded again, installed a second profile/ },
  { what: 'a storage that loses the last save', breakage: { storageLosesLastSave: true }, flows: ['inlineDownload'], restarts: true, problem: /the operations after a restart \(the document the storage loaded\): expected/ },
];

describe('broken effects fail, naming the path and the step', () => {
  for (const { what, breakage, flows, restarts, problem } of BROKEN) {
    it(`${what} fails the kit`, async () => {
      const options = { flows, paths: 'shortest', restarts } as const;
      const healthy = await failures(conformanceCases({ ...options, makeEffects: (env) => independentEffects(env) }));
      expect(healthy, 'the same cases pass when nothing is broken').toEqual([]);
      const failed = await failures(conformanceCases({ ...options, makeEffects: (env) => independentEffects(env, breakage) }));
      expect(failed.length, `${what}: failing cases`).toBeGreaterThan(0);
      const first = failed[0]!;
      expect(first.error).toBeInstanceOf(ConformanceError);
      const message = (first.error as ConformanceError).message;
      console.log(`${what}: ${failed.length} failing cases; the first says:\n${message}`);
      expect(message.startsWith(first.name.replace(/^restarts: /, 'restarts: '))).toBe(true);
      expect(message).toMatch(/: step \d+ of \d+ \([a-zA-Z.]+ → [a-zA-Z]+\)|after the last step \(\d+\)/);
      expect(failed.some((f) => problem.test((f.error as Error).message)), `some failure says ${problem}`).toBe(true);
    });
  }
});

