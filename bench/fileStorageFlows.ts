import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentChanges } from '../src/core/storedRecords';
import { createHost, type Host } from '../src/host/host';
import { fileStorage } from '../src/node/fileStorage';
import type { RecordStorage } from '../src/sim/device/index';
import { createBenchDevice, type BenchDevice } from './benchDevice';
import { portalCall } from './flows';
import { cpuMs, median } from './lib/measure';
import { formatBytes, formatCount, formatMs, formatRatio, type Table } from './lib/report';

/*
 * The steady inline flows of section 7 through the real file storage (src/node/fileStorage.ts):
 * each write is atomic file replacements (temporary file, fsync, rename), with a journal first
 * when a step changes several files. The disk's waits are the cost here, so the wall time counts
 * beside the CPU time.
 */

const ROUNDS = 7;
const FLOWS_PER_BATCH = 5;
/** Inside `os.tmpdir()`; tmpfs makes fsync free, so the notes say which file system it was. */
const TMPFS_MAGIC = 0x01021994;

interface FileRig {
  readonly host: Host;
  readonly device: BenchDevice;
  readonly directory: string;
  bytes: number;
  writes: number;
  flows: number;
}

const utf8 = (text: string) => Buffer.byteLength(text);
const bytesOf = (changes: DocumentChanges) => (changes.header === null ? 0 : utf8(changes.header)) + [...changes.put.values()].reduce((sum, record) => sum + utf8(record), 0);

/** A host on a fresh directory holding `parked`'s records (untimed), started and idle, its counters at zero. */
async function fileRig(parked: RecordStorage | null): Promise<FileRig> {
  const directory = mkdtempSync(join(tmpdir(), 'bench-file-storage-'));
  const storage = fileStorage(directory);
  const stored = parked?.load();
  if (stored) await storage.write({ replace: true, header: stored.header, put: stored.records instanceof Map ? stored.records : new Map(Object.entries(stored.records)), remove: [] });
  const device = createBenchDevice({ downloadMs: 0 });
  const counted = {
    load: () => storage.load(),
    write: (changes: DocumentChanges) => {
      rig.bytes += bytesOf(changes);
      rig.writes += 1;
      return storage.write(changes);
    },
  };
  const host = createHost({ effects: { ...device.effects, storage: counted } });
  const rig: FileRig = { host, device, directory, bytes: 0, writes: 0, flows: 0 };
  device.attach(host);
  await host.start();
  await host.idle();
  rig.bytes = 0;
  rig.writes = 0;
  return rig;
}

/** `count` complete inline flows, each driven until its report and the writes after it are done. */
async function fileFlows(rig: FileRig, count: number): Promise<{ wallMs: number; cpuMs: number; bytes: number; writes: number }> {
  const { bytes, writes } = rig;
  const cpuStart = cpuMs();
  const wallStart = performance.now();
  for (let i = 0; i < count; i++) {
    const reports = rig.device.reports();
    const reply = rig.host.call(portalCall('inline', `1$file-flow-${rig.flows++}.example.com$BENCH-MATCHING-ID`));
    if (reply.type !== 'operation' || !reply.created) throw new Error('file storage: a flow was refused');
    for (let turn = 0; rig.device.reports() === reports; turn++) {
      if (turn > 20) throw new Error('file storage: a flow did not reach its report');
      await rig.host.idle();
      rig.device.clock.advance(1_000);
    }
    await rig.host.idle();
  }
  return { wallMs: (performance.now() - wallStart) / count, cpuMs: (cpuMs() - cpuStart) / count, bytes: (rig.bytes - bytes) / count, writes: (rig.writes - writes) / count };
}

/** The file-storage table: 1 live operation, and `parked`'s records plus one. */
export async function fileStorageFlows(parked: RecordStorage): Promise<{ table: Table; note: string }> {
  const variants = [
    { live: 1, rig: await fileRig(null) },
    { live: parked.size + 1, rig: await fileRig(parked) },
  ];
  const onTmpfs = statfsSync(variants[0]!.rig.directory).type === TMPFS_MAGIC;
  try {
    for (const v of variants) await fileFlows(v.rig, 2); // warm-up
    const wall = variants.map(() => [] as number[]);
    const cpu = variants.map(() => [] as number[]);
    const ratios: number[] = [];
    const last = variants.map(() => ({ step: 0, flow: 0 }));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [index, v] of variants.entries()) {
        const result = await fileFlows(v.rig, FLOWS_PER_BATCH);
        wall[index]!.push(result.wallMs);
        cpu[index]!.push(result.cpuMs);
        last[index] = { step: result.bytes / result.writes, flow: result.bytes };
      }
      ratios.push(wall[1]!.at(-1)! / wall[0]!.at(-1)!);
    }
    const rows = variants.map((v, index) => [formatCount(v.live), formatBytes(last[index]!.step), formatBytes(last[index]!.flow), formatMs(median(wall[index]!)), formatMs(median(cpu[index]!)), index === 0 ? formatRatio(1) : formatRatio(median(ratios))]);
    return {
      table: { title: 'Steady inline flows through the file storage (src/node, fsync on every replacement; bench device)', head: ['live ops', 'bytes per step', 'bytes per flow', 'per flow (wall)', 'per flow (CPU)', 'vs 1 live (wall, median of round ratios)'], rows },
      note: `File storage: fileStorage() in a fresh directory under ${tmpdir()} (${onTmpfs ? 'tmpfs: fsync costs nothing there, so these times are the CPU side only' : 'a disk file system: each fsync waits for the disk'}); the live operations are the restore rows' delayed downloads, written there untimed. Each flow runs until its report and the writes after it have resolved. Rounds: ${ROUNDS}, ${FLOWS_PER_BATCH} flows of each variant in turn; no target, the issue asks for the row.`,
    };
  } finally {
    for (const v of variants) {
      v.rig.host.stop();
      rmSync(v.rig.directory, { recursive: true, force: true });
    }
  }
}
