import { afterAll, describe, expect, it } from 'vitest';
import { FLOW_NAMES } from '../machines/index';
import type { FlowName } from '../machines/types';
import { AsyncStorage } from './asyncStorage';
import { runPath, type PathRun, type WorldAtEnd } from './pathRun';
import { generatedPaths, pathName } from '../src/testing/paths';
import type { CrashInside, PendingTimer } from './world';
import type { Report } from '../src/core/commands';

/*
 * Crash and restore with a real (asynchronous) storage: every generated path on a storage
 * whose saves complete late, interleaved with the host's other work, with a restart at a step
 * boundary, and with crashes INSIDE a step: after its save began and before it ended (the step
 * is lost and the world does it again), after the save reached the disk and before its
 * commands ran; and with a save that fails once. Invariants, in every run: no command runs
 * before its step is stored (checked on every effect call), no profile is installed twice,
 * exactly one report per operation, and the run ends as the uninterrupted one did (callbacks a
 * crash before the commands lost are the one thing allowed to be missing: they are at most once).
 *
 * Each path's restart points are sampled with a stride, shifted per path, so that every kind
 * meets every position over the paths while the suite stays fast.
 */

type Kind = 'boundary' | CrashInside;
const KINDS: readonly Kind[] = ['boundary', 'beforeSaveEnded', 'afterSaveBeforeCommands', 'saveFailsOnce'];
const STRIDE = 12;

interface Tally {
  runs: number;
  crashes: number;
  wedged: number;
  lost: number;
  doubled: number;
  early: number;
}
const table = new Map<string, Tally>();
const tally = (flow: FlowName, kind: Kind): Tally => {
  const key = `${kind}|${flow}`;
  let t = table.get(key);
  if (t === undefined) table.set(key, (t = { runs: 0, crashes: 0, wedged: 0, lost: 0, doubled: 0, early: 0 }));
  return t;
};

/** The parts of an outcome a crash may not change; callbacks delivered only as a subsequence. */
function comparable(o: WorldAtEnd) {
  const operations = o.operations as Array<{ id: string; live: boolean }>;
  const live = new Set(operations.filter((op) => op.live).map((op) => op.id));
  return { operations: o.operations, reports: o.reports, profiles: o.profiles, timers: (o.timers as PendingTimer[]).filter((t) => live.has(t.id)) };
}

function isSubsequence(part: readonly unknown[], whole: readonly unknown[]): boolean {
  let i = 0;
  for (const item of whole) if (i < part.length && JSON.stringify(part[i]) === JSON.stringify(item)) i++;
  return i === part.length;
}

function judge(run: PathRun, uninterrupted: WorldAtEnd, t: Tally): void {
  const outcome = run.worldAtEnd();
  const reports = outcome.reports as Report[];
  const expectedReports = uninterrupted.reports as Report[];
  const ids = new Set(reports.map((r) => r.operationId));
  if (ids.size !== reports.length) t.doubled++;
  if (reports.length < expectedReports.length) t.lost++;
  const operations = outcome.operations as Array<{ live: boolean }>;
  const expectedOperations = uninterrupted.operations as Array<{ live: boolean }>;
  if (operations.length < expectedOperations.length) t.lost++;
  if (operations.filter((o) => o.live).length > expectedOperations.filter((o) => o.live).length || run.world.host.state().lpa.active !== null && expectedOperations.every((o) => !o.live)) t.wedged++;
  const installed = (outcome.profiles as Array<{ installedFrom?: string }>).flatMap((p) => (p.installedFrom === undefined ? [] : [p.installedFrom]));
  if (new Set(installed).size !== installed.length) t.doubled++;
  if (run.world.writeAheadViolations.length > 0) t.early++;
}

let runs = 0;
for (const flow of FLOW_NAMES) {
  describe(`${flow}: async storage, restarts at and inside steps, a save that fails once`, () => {
    generatedPaths(flow).forEach((generated, pathIndex) => {
      it(`${generated.scenario.name}: ${pathName(generated)}`, async () => {
        const reference = await runPath(generated, undefined, 0, new AsyncStorage(pathIndex + 1));
        const uninterrupted = reference.worldAtEnd();
        const steps = reference.model.length;
        for (const [k, kind] of KINDS.entries()) {
          const t = tally(flow, kind);
          // Boundary b: after step b (0: before the hand-off). Step s: the s-th step, 1-based.
          const [first, last] = kind === 'boundary' ? [0, steps] : [1, steps];
          const count = last - first + 1;
          for (let point = first + ((pathIndex + k) % Math.min(STRIDE, count)); point <= last; point += STRIDE) {
            t.runs++;
            runs++;
            let run: PathRun;
            try {
              run =
                kind === 'boundary'
                  ? await runPath(generated, async (r, boundary) => (boundary === point ? r.restart() : undefined), point, new AsyncStorage(point))
                  : await runPath(
                      generated,
                      async (r, boundary) => {
                        if (boundary === point - 1) r.world.crashInside = kind;
                      },
                      point + 1,
                      new AsyncStorage(point),
                    );
            } catch (error) {
              t.crashes++;
              const problems = (error as { actual?: unknown }).actual;
              throw new Error(`${kind} at ${point}: ${error instanceof Error ? error.message : String(error)} ${problems === undefined ? "" : JSON.stringify(problems)}`, { cause: error });
            }
            judge(run, uninterrupted, t);
            const where = `${kind} at ${point}`;
            expect(run.world.writeAheadViolations, where).toEqual([]);
            const got = run.worldAtEnd();
            expect(comparable(got), where).toEqual(comparable(uninterrupted));
            if (kind === 'afterSaveBeforeCommands') expect(isSubsequence(got.callbacks as unknown[], uninterrupted.callbacks as unknown[]), `${where}: callbacks`).toBe(true);
            else expect(got.callbacks, where).toEqual(uninterrupted.callbacks);
            if (kind === 'boundary') expect(run.world.restarts, where).toBe(1);
            if (kind === 'beforeSaveEnded' || kind === 'afterSaveBeforeCommands') expect(run.world.restarts, where).toBe(1);
          }
        }
      });
    });
  });
}

afterAll(() => {
  const rows = [...table.entries()].map(([key, t]) => {
    const [kind, flow] = key.split('|');
    return `| ${kind} | ${flow} | ${t.runs} | ${t.crashes} | ${t.wedged} | ${t.lost} | ${t.doubled} | ${t.early} |`;
  });
  const total = [...table.values()].reduce((a, t) => ({ runs: a.runs + t.runs, crashes: a.crashes + t.crashes, wedged: a.wedged + t.wedged, lost: a.lost + t.lost, doubled: a.doubled + t.doubled, early: a.early + t.early }), { runs: 0, crashes: 0, wedged: 0, lost: 0, doubled: 0, early: 0 });
  console.log(
    [
      `async-storage crash-restore: ${runs} runs, ${KINDS.length} kinds × ${FLOW_NAMES.length} flows (restart points every ${STRIDE} steps, shifted per path)`,
      '| kind | flow | runs | crashes | wedged | lost | doubled | before stored |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
      `| all | all | ${total.runs} | ${total.crashes} | ${total.wedged} | ${total.lost} | ${total.doubled} | ${total.early} |`,
    ].join('\n'),
  );
});
