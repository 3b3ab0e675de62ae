import type { CoreState } from '../src/core/state';
import type { StorageEffects } from '../src/host/effects';
import { createHost, type Host } from '../src/host/host';
import { RecordStorage } from '../src/sim/device/index';
import { createBenchDevice, type BenchDevice } from './benchDevice';
import { fileStorageFlows } from './fileStorageFlows';
import { portalCall } from './flows';
import { collectGarbage } from './lib/gc';
import { cpuMs, median } from './lib/measure';
import { formatBytes, formatCount, formatMs, formatRatio, type Section, type Target } from './lib/report';

/*
 * 7. Storage that really serializes (issue 16). Every save is paid as a real store pays it:
 * the whole-document contract (`save`) is JSON.stringify of the document; the incremental one
 * (`write`) receives JSON strings (RecordStorage keeps them). Bytes written per step and per
 * complete inline flow, and the time of a flow, with 1 and 10,000 live operations; ratios are
 * medians of per-round ratios, the rounds interleaving short batches of every variant.
 * Then the scale rows: a burst and a restore at 1k, 10k and 100k operations.
 */

/** The whole-document contract, serializing what it is given (as a file or a database would). */
class WholeDocumentStorage implements StorageEffects {
  bytesWritten = 0;
  writes = 0;
  /** False while a rig is being filled (untimed): 10,000 whole-document saves would take minutes. */
  serializing = true;
  #text: string | null = null;
  load(): CoreState | null {
    return this.#text === null ? null : (JSON.parse(this.#text) as CoreState);
  }
  save(document: CoreState): void {
    if (!this.serializing) return;
    this.#text = JSON.stringify(document);
    this.bytesWritten += Buffer.byteLength(this.#text);
    this.writes += 1;
  }
}

type Contract = 'whole document (save)' | 'records (write)';
const CONTRACTS: readonly Contract[] = ['whole document (save)', 'records (write)'];
const LIVE = [1, 10_000] as const;
const codeOf = (prefix: string, i: number) => `1$${prefix}-${i}.example.com$BENCH-MATCHING-ID`;

interface Rig {
  readonly host: Host;
  readonly device: BenchDevice;
  readonly storage: WholeDocumentStorage | RecordStorage;
  flows: number;
}

async function rigFor(contract: Contract, live: number, downloadMs = 0, storage: WholeDocumentStorage | RecordStorage = contract === 'records (write)' ? new RecordStorage() : new WholeDocumentStorage()): Promise<Rig> {
  const device = createBenchDevice({ downloadMs });
  const host = createHost({ effects: { ...device.effects, storage } });
  device.attach(host);
  await host.start();
  if (storage instanceof WholeDocumentStorage) storage.serializing = false;
  for (let i = 1; i < live; i++) {
    const reply = host.call({ ...portalCall('delayed', codeOf('parked', i)), downloadDelay: 43_200 } as ReturnType<typeof portalCall>);
    if (reply.type !== 'operation' || !reply.created) throw new Error(`storage: parked call ${i} refused`);
  }
  if (storage instanceof WholeDocumentStorage) storage.serializing = true;
  return { host, device, storage, flows: 0 };
}

/** Run `count` complete inline flows; returns CPU ms per flow, bytes and writes per flow. */
function flows(r: Rig, count: number): { ms: number; bytes: number; writes: number } {
  const bytes = r.storage.bytesWritten;
  const writes = r.storage.writes;
  const reports = r.device.reports();
  const start = cpuMs();
  for (let i = 0; i < count; i++) {
    r.host.call(portalCall('inline', codeOf('flow', r.flows++)));
    r.device.clock.advance(3_000);
  }
  const ms = (cpuMs() - start) / count;
  if (r.device.reports() !== reports + count) throw new Error('storage: a flow did not end in one report');
  return { ms, bytes: (r.storage.bytesWritten - bytes) / count, writes: (r.storage.writes - writes) / count };
}

async function steady(): Promise<{ rows: string[][]; targets: Target[] }> {
  const variants: Array<{ contract: Contract; live: number; rig: Rig }> = [];
  for (const contract of CONTRACTS) for (const live of LIVE) variants.push({ contract, live, rig: await rigFor(contract, live) });
  for (const v of variants) flows(v.rig, 20); // warm-up
  const perRound = new Map<string, number[]>(variants.map((v) => [`${v.contract}/${v.live}`, []]));
  const ratios = new Map<string, number[]>(variants.map((v) => [`${v.contract}/${v.live}`, []]));
  const bytes = new Map<string, { step: number; flow: number }>();
  for (let round = 0; round < 7; round++) {
    const times = new Map<string, number>();
    for (const v of variants) {
      // Batches sized so the whole document's 10,000-live variant (a serialization per step) stays short.
      const result = flows(v.rig, v.contract === 'whole document (save)' && v.live > 1 ? 3 : 30);
      const key = `${v.contract}/${v.live}`;
      times.set(key, result.ms);
      perRound.get(key)!.push(result.ms);
      bytes.set(key, { step: result.bytes / result.writes, flow: result.bytes });
    }
    for (const v of variants) ratios.get(`${v.contract}/${v.live}`)!.push(times.get(`${v.contract}/${v.live}`)! / times.get(`${v.contract}/1`)!);
  }
  const rows = variants.map((v) => {
    const key = `${v.contract}/${v.live}`;
    return [v.contract, formatCount(v.live), formatBytes(bytes.get(key)!.step), formatBytes(bytes.get(key)!.flow), formatMs(median(perRound.get(key)!)), formatRatio(median(ratios.get(key)!))];
  });
  const records = (live: number) => bytes.get(`records (write)/${live}`)!;
  const growth = median(ratios.get('records (write)/10000')!);
  const targets: Target[] = [
    { name: 'bytes written per step, 1 live (records)', figure: formatBytes(records(1).step), limit: '≤ 2 KB', pass: records(1).step <= 2048 },
    { name: 'bytes written per step, 10,000 live (records)', figure: formatBytes(records(10_000).step), limit: '≤ 2 KB', pass: records(10_000).step <= 2048 },
    { name: 'complete inline flow through a serializing storage, 10,000 vs 1 live (records)', figure: formatRatio(growth), limit: '≤ 1.5×', pass: growth <= 1.5 },
  ];
  return { rows, targets };
}

/** A burst of `count` inline downloads queued on the LPA (1 s each) driven to their reports; CPU ms per operation. */
async function burst(count: number): Promise<number> {
  const r = await rigFor('records (write)', 1, 1000);
  const start = cpuMs();
  for (let i = 0; i < count; i++) {
    const reply = r.host.call(portalCall('inline', codeOf('burst', i)));
    if (reply.type !== 'operation' || !reply.created) throw new Error(`storage: burst call ${i} refused`);
  }
  while (r.device.reports() < count) await r.device.clock.advanceAsync(600_000);
  const ms = (cpuMs() - start) / count;
  await r.host.idle();
  if (r.host.operations().some((op) => op.live)) throw new Error('storage: burst left operations unfinished');
  return ms;
}

/** How many parked operations a host really runs to make the records every restore row copies. */
const TEMPLATES = 1_000;
let templates: { header: string; records: Array<{ id: string; index: number; text: string }> } | null = null;

/**
 * The records of `count` delayed downloads in `scheduled`, as a host writes them: a host runs
 * 1,000 (untimed, once), and the rest are those records with the operation id and the code's
 * SM-DP+ address renumbered (the same shape and size; every code distinct, so each owns its own).
 */
async function recordsFor(count: number): Promise<RecordStorage> {
  if (templates === null) {
    const source = await rigFor('records (write)', TEMPLATES + 1);
    source.host.stop();
    const loaded = (source.storage as RecordStorage).load()!;
    const records = [...(loaded.records as ReadonlyMap<string, string>)].map(([id, text]) => ({ id, index: Number(/parked-([0-9]+)\.example\.com/.exec(text)![1]), text }));
    templates = { header: loaded.header, records };
  }
  const put = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const template = templates.records[i % TEMPLATES]!;
    if (i < TEMPLATES) {
      put.set(template.id, template.text);
      continue;
    }
    const id = `${template.id}-${i}`;
    put.set(id, template.text.replaceAll(`"${template.id}"`, `"${id}"`).replaceAll(`parked-${template.index}.example.com`, `parked-c${i}.example.com`));
  }
  const storage = new RecordStorage();
  storage.write({ replace: true, header: templates.header, put, remove: [] });
  return storage;
}

/**
 * Restore `count` pending delayed downloads from records, as a real host pays it: start() on a
 * storage holding them as JSON strings (parse, check every record, re-arm every deadline), and
 * the first write after it (every record, D56) through the same serializing storage. ms in all.
 */
async function restore(count: number): Promise<{ ms: number; wallMs: number; firstWrite: number }> {
  return restoreFrom(await recordsFor(count), count);
}

/** The measured part of {@link restore}: a host started on `stored` (holding `count` records), and its first write. */
async function restoreFrom(stored: RecordStorage, count: number): Promise<{ ms: number; wallMs: number; firstWrite: number }> {
  collectGarbage();
  const written = stored.bytesWritten;
  const device = createBenchDevice({ downloadMs: 0 });
  const host = createHost({ effects: { ...device.effects, storage: stored } });
  device.attach(host);
  const start = cpuMs();
  const wallStart = performance.now();
  await host.start();
  await host.idle();
  const ms = cpuMs() - start;
  const wallMs = performance.now() - wallStart;
  if (Object.keys(host.state().operations).length !== count) throw new Error(`storage: restore kept ${Object.keys(host.state().operations).length} of ${count}`);
  if (stored.size !== count) throw new Error(`storage: the first write after the restore left ${stored.size} of ${count} records`);
  host.stop();
  return { ms, wallMs, firstWrite: stored.bytesWritten - written };
}

const SCALE = [1_000, 10_000, 100_000] as const;

export { burst, restore, restoreFrom, recordsFor as recordsForTest };

export async function runStorage(): Promise<Section> {
  const { rows, targets } = await steady();

  await burst(1_000); // warm-up
  const burstCost = new Map<number, number>();
  const restoreTime = new Map<number, number>();
  const restoreWall = new Map<number, number>();
  for (const count of SCALE) {
    collectGarbage();
    burstCost.set(count, await burst(count));
  }
  await restore(1_000); // warm-up
  const firstWrite = new Map<number, number>();
  for (const count of SCALE) {
    const runs = count === 100_000 ? [await restore(count)] : [await restore(count), await restore(count), await restore(count)];
    restoreTime.set(count, median(runs.map((run) => run.ms)));
    restoreWall.set(count, median(runs.map((run) => run.wallMs)));
    firstWrite.set(count, runs[0]!.firstWrite);
  }
  const file = await fileStorageFlows(await recordsFor(9_999));
  templates = null;
  const scaleRows = SCALE.map((count) => [
    formatCount(count),
    burstCost.has(count) ? formatMs(burstCost.get(count)!) : 'not run',
    burstCost.has(count) ? formatRatio(burstCost.get(count)! / burstCost.get(1_000)!) : '',
    formatMs(restoreTime.get(count)!),
    formatMs(restoreWall.get(count)!),
    formatMs(restoreTime.get(count)! / count),
    formatRatio(restoreTime.get(count)! / count / (restoreTime.get(1_000)! / 1_000)),
    formatBytes(firstWrite.get(count)!),
  ]);
  const burstGrowth = burstCost.get(100_000)! / burstCost.get(1_000)!;
  const restoreGrowth = restoreTime.get(100_000)! / 100_000 / (restoreTime.get(1_000)! / 1_000);
  targets.push(
    { name: 'burst cost per operation, 100,000 vs 1,000', figure: formatRatio(burstGrowth), limit: '≤ 1.3×', pass: burstGrowth <= 1.3 },
    { name: 'restore cost per operation, 100,000 vs 1,000', figure: formatRatio(restoreGrowth), limit: '≤ 1.3×', pass: restoreGrowth <= 1.3 },
    { name: 'restore of 100,000 pending operations', figure: `${formatMs(restoreTime.get(100_000)!)} CPU (${formatMs(restoreWall.get(100_000)!)} wall)`, limit: '< 2 s', pass: restoreTime.get(100_000)! < 2000 },
    { name: 'restore of 10,000 pending operations', figure: `${formatMs(restoreTime.get(10_000)!)} CPU (${formatMs(restoreWall.get(10_000)!)} wall)`, limit: '< 0.3 s', pass: restoreTime.get(10_000)! < 300 },
  );
  return {
    title: '7. Storage that serializes (issue 16)',
    tables: [
      { title: 'Steady inline flows through a serializing storage (bench device), the other live operations parked', head: ['contract', 'live ops', 'bytes per step', 'bytes per flow', 'per flow (CPU)', 'vs 1 live (median of round ratios)'], rows },
      { title: 'Scale (records storage, bench device): a burst queued on the LPA, and a restore of pending delayed downloads', head: ['operations', 'burst per op (CPU)', 'vs 1k', 'restore, CPU (start + first write)', 'wall', 'CPU per op', 'vs 1k', 'first write'], rows: scaleRows },
      file.table,
    ],
    targets,
    notes: [
      'Whole document: save() runs JSON.stringify of the document after every step (what a file or database store pays). Records: write() receives the header only when it changed and one JSON string per operation the step changed; RecordStorage keeps the strings and counts their UTF-8 bytes.',
      'Times here are the CPU time of the process (user + system, all threads, bench/lib/measure.ts cpuMs), not wall time: when other work shares the cores, wall time counts the waits for one. The restore also shows its wall time; the targets are checked on CPU time.',
      'Rounds: 7, each running a short batch of every variant in turn (30 flows; 3 for the whole document at 10,000 live); the ratio column is the median of the per-round ratios to the same contract at 1 live.',
      file.note,
      'Restore: a host start() and idle() on a RecordStorage holding N delayed downloads in `scheduled` as JSON strings: parse, check every record, re-arm every deadline, and the first write after the restart (it replaces every record, D56; the records restored unchanged are handed back as loaded, D59) through the same storage, which counts their UTF-8 bytes ("first write"). A host writes 1,000 such records; the rest are copies with the operation id and SM-DP+ address renumbered. 100,000 is measured once, the others as the median of 3.',
    ],
  };
}
