import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreDocument } from '../../src/core/document';
import { fileStorage } from '../../src/node/index';
import { bundleChild, readEventLog } from './childLog';
import { digestOf, EMPTY_STORE, matchingWrite, type LoggedWrite, type StoreDigest } from './crash/oracle';

/*
 * Issue 18's crash test: a child process hosting flows on the durable kit (test/e2e/crash/child.ts)
 * is SIGKILLed at random moments KILLS times, and restarted each time. After each kill: the
 * store loads and its document restores with nothing quarantined; it is at a write of the
 * killed life no earlier than the last acknowledged one (so no acknowledged step is lost and no
 * write is half applied); no operation's download was asked twice in one life, or after its
 * report. A last run finishes every operation; then each stored operation has exactly one report
 * and each profile was installed once. Seeded: CRASH_SEED=<n> replays a run.
 *
 * In the e2e tier: it runs the kit as a host runs it, in separate Node processes, for minutes.
 */

const KILLS = Number(process.env['CRASH_KILLS'] ?? 200);
/** More than the lives hand off, so that every life starts some (about one in three is lost to a kill before its first write). */
const TARGET_OPERATIONS = 1_000;
/** Most kills land uniformly this long after the child started (flows running)... */
const RUNNING_WINDOW_MS = 400;
/** ...and this share of them during its start-up (loading, replaying a journal, the restore's first write), timed from the spawn. */
const EARLY_SHARE = 0.2;
const SEED = Number(process.env['CRASH_SEED'] ?? Date.now() % 2 ** 31);

/** mulberry32: a small seeded generator, so a failing run can be replayed from its printed seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Event {
  readonly life: number;
  readonly kind: string;
  readonly op?: string | null;
  readonly code?: string;
  readonly seq?: number;
  readonly outcome?: string;
  readonly what?: string;
  readonly reason?: string;
}

let work = '';
let child = '';
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'crash-test-'));
  child = await bundleChild('test/e2e/crash/child.ts', 'crash-test');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * When a life is killed: with `early`, that many ms after the spawn (start-up: loading, the
 * journal's replay, the restore's first write); otherwise that many ms after the child said it
 * started (flows running). Null: let it run to its end.
 */
type KillPlan = { readonly early: number } | { readonly afterStart: number } | null;

/** Run a life of the child and kill it as planned. Resolves with how it ended and how long it took to start. */
function runLife(life: number, env: Record<string, string>, plan: KillPlan): Promise<{ code: number | null; signal: string | null; stderr: string; startedAfterMs: number | null }> {
  return new Promise((resolve, reject) => {
    const spawned = performance.now();
    const running = spawn(process.execPath, [child], { env: { ...process.env, ...env, CRASH_LIFE: String(life) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let startedAfterMs: number | null = null;
    const kill = (): void => void running.kill('SIGKILL');
    let timer = setTimeout(kill, plan !== null && 'early' in plan ? plan.early : 120_000);
    running.stdout.on('data', (chunk: Buffer) => {
      if (startedAfterMs !== null || !chunk.toString().includes('started')) return;
      startedAfterMs = performance.now() - spawned;
      if (plan !== null && 'afterStart' in plan) {
        clearTimeout(timer);
        timer = setTimeout(kill, plan.afterStart);
      }
    });
    running.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    running.on('error', reject);
    running.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, startedAfterMs });
    });
  });
}


/** Load the store as the next life will, from a copy (the next life must meet the store as the kill left it, journal and all). */
async function loadCopy(store: string, life: number): Promise<Awaited<ReturnType<ReturnType<typeof fileStorage>['load']>>> {
  const copy = join(work, `copy-${life}`);
  if (existsSync(store)) cpSync(store, copy, { recursive: true });
  try {
    return await fileStorage(copy).load();
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

describe('the durable kit under SIGKILL', () => {
  it(`survives ${KILLS} kills at random moments: nothing acknowledged lost, no double download, one report per operation`, async () => {
    const random = seeded(SEED);
    console.log(`crash test seed ${SEED} (CRASH_SEED=${SEED} replays it)`);
    const dir = join(work, 'host');
    mkdirSync(dir);
    const store = join(dir, 'store');
    const logPath = join(dir, 'events.log');
    const env = { CRASH_DIR: dir, CRASH_T0: String(Date.now()), CRASH_TARGET: String(TARGET_OPERATIONS) };
    const counts = { kills: 0, restarts: 0, killedInStartUp: 0, journalsLeft: 0, writes: 0, acknowledged: 0, downloadCalls: 0 };
    let offset = 0;
    let verified: StoreDigest = EMPTY_STORE;
    const everStored = new Set<string>();
    const reportedAt = new Map<string, number>();
    const problems: string[] = [];
    const started = performance.now();
    let startUpMs = 300;

    const check = async (life: number, events: readonly Event[]): Promise<void> => {
      const writes = events.filter((event) => event.kind === 'write') as unknown as LoggedWrite[];
      const lastAcknowledged = Math.max(0, ...events.filter((event) => event.kind === 'ack').map((event) => event.seq!));
      counts.writes += writes.length;
      counts.acknowledged += lastAcknowledged;
      if (existsSync(join(store, 'journal.json'))) counts.journalsLeft += 1;
      if (!events.some((event) => event.kind === 'started')) counts.killedInStartUp += 1;
      for (const event of events.filter((e) => e.kind === 'quarantine')) problems.push(`life ${life}: quarantined ${event.what}: ${event.reason}`);
      const loaded = await loadCopy(store, life);
      const restored = restoreDocument(loaded, {});
      if (restored.quarantined.length > 0) problems.push(`life ${life}: the stored document restores with quarantines: ${restored.quarantined.map((q) => q.reason).join('; ')}`);
      const found = digestOf(loaded);
      const at = matchingWrite(verified, writes, lastAcknowledged, found);
      if (at === null) problems.push(`life ${life}: the store is at no write from the last acknowledged (${lastAcknowledged}) to the last begun (${writes.length})`);
      verified = found;
      for (const id of found.records.keys()) everStored.add(id);
      for (const write of writes.slice(0, lastAcknowledged)) for (const id of Object.keys(write.put)) everStored.add(id);
      const downloads = new Set<string>();
      events.forEach((event, index) => {
        if (event.kind === 'report') reportedAt.set(event.op!, index);
        if (event.kind !== 'download') return;
        counts.downloadCalls += 1;
        if (downloads.has(event.op!)) problems.push(`life ${life}: ${event.op} asked to download twice`);
        if (reportedAt.has(event.op!)) problems.push(`life ${life}: ${event.op} asked to download after its report`);
        downloads.add(event.op!);
      });
      reportedAt.clear(); // positions are per life; a report of an earlier life is checked through `reported` below
    };

    const allEvents: Event[] = [];
    for (let life = 1; life <= KILLS; life += 1) {
      const early = random() < EARLY_SHARE;
      const at = random();
      // Start-up takes as long as the machine's load makes it: the early kills are timed from what it took so far.
      const plan = early ? { early: Math.round(at * startUpMs) } : { afterStart: Math.round(at * RUNNING_WINDOW_MS) };
      const ended = await runLife(life, env, plan);
      if (ended.startedAfterMs !== null) startUpMs = (startUpMs * (life - 1) + ended.startedAfterMs) / life;
      if (ended.signal === 'SIGKILL') counts.kills += 1;
      else problems.push(`life ${life} ended by itself (${ended.code}): ${ended.stderr.slice(0, 500)}`);
      const read = readEventLog<Event>(logPath, offset);
      offset = read.offset;
      const reportedBefore = new Set(allEvents.filter((event) => event.kind === 'report').map((event) => event.op!));
      for (const event of read.events) if (event.kind === 'download' && reportedBefore.has(event.op!)) problems.push(`life ${life}: ${event.op} asked to download after an earlier life reported it`);
      await check(life, read.events);
      allEvents.push(...read.events);
      counts.restarts += 1;
      expect(problems).toEqual([]);
    }

    // The last life finishes every operation and exits by itself.
    const last = await runLife(KILLS + 1, { ...env, CRASH_FINISH: '1' }, null);
    expect({ code: last.code, stderr: last.stderr }).toEqual({ code: 0, stderr: '' });
    const tail = readEventLog<Event>(logPath, offset);
    await check(KILLS + 1, tail.events);
    allEvents.push(...tail.events);
    expect(problems).toEqual([]);

    const reports = allEvents.filter((event) => event.kind === 'report');
    const reportsPer = new Map<string, number>();
    for (const event of reports) reportsPer.set(event.op!, (reportsPer.get(event.op!) ?? 0) + 1);
    const installs = allEvents.filter((event) => event.kind === 'install');
    const installsPer = new Map<string, number>();
    for (const event of installs) installsPer.set(event.code!, (installsPer.get(event.code!) ?? 0) + 1);
    const handOffs = allEvents.filter((event) => event.kind === 'handOff').length;
    const resent = allEvents.filter((event) => event.kind === 'resent').length;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `crash test: seed ${SEED}; ${counts.kills} kills (start-up took ${startUpMs.toFixed(0)} ms on average) (${counts.killedInStartUp} during start-up, ${counts.journalsLeft} leaving a journal to replay), ${counts.restarts} restarts; ` +
        `${handOffs} operations handed off, ${everStored.size} stored; ${reports.length} reports (${resent} re-sent after a kill, deduplicated by id); ` +
        `${installs.length} downloads (profiles installed) from ${counts.downloadCalls} download calls; ${counts.writes} writes begun, ${counts.acknowledged} acknowledged; ${seconds} s`,
    );

    expect(counts.kills).toBe(KILLS);
    expect([...installsPer.values()].filter((count) => count > 1)).toEqual([]);
    expect([...everStored].filter((id) => reportsPer.get(id) !== 1)).toEqual([]);
    expect([...reportsPer.keys()].filter((id) => !everStored.has(id))).toEqual([]);
    expect(reports.filter((event) => event.outcome !== 'connected')).toEqual([]);
    // Every connected operation has its own profile: one install each.
    expect(installs.length).toBe(reports.length);
    expect(everStored.size).toBeGreaterThanOrEqual(KILLS / 4);
  }, 600_000);
});
