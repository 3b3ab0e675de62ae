import type { DocumentChanges } from '../src/core/storedRecords';
import { createHost, type Host } from '../src/host/host';
import { RecordStorage } from '../src/sim/device/index';
import { createBenchDevice } from './benchDevice';
import { portalCall } from './flows';
import { collectGarbage } from './lib/gc';
import { formatBytes, formatCount, type Section, type Target } from './lib/report';

/*
 * 8. Heap per live operation through createHost (issue 16): the heap used (after a full
 * collection) by a host holding N live operations, minus the same host with none, divided by
 * N. The operations are delayed downloads parked in `scheduled` (30 days out), so each holds
 * its record, its secrets, its owner entry, its armed timer and nothing in flight.
 */

const LIVE = 10_000;
const codeOf = (i: number) => `1$heap-${i}.example.com$BENCH-MATCHING-ID`;

/** A storage that takes each write and keeps nothing: what stays in the heap is the host's. */
const discarding = { load: () => null, write: (_changes: DocumentChanges) => {} };

type Effects = 'bench device, writes discarded' | 'bench device, RecordStorage in memory';

async function heapPerOperation(effects: Effects): Promise<number> {
  const device = createBenchDevice({ downloadMs: 0 });
  const storage = effects === 'bench device, writes discarded' ? discarding : new RecordStorage();
  const host: Host = createHost({ effects: { ...device.effects, storage } });
  device.attach(host);
  await host.start();
  // One operation first, so that code paths, shapes and maps exist before the baseline.
  host.call({ ...portalCall('delayed', codeOf(-1)), downloadDelay: 43_200 } as ReturnType<typeof portalCall>);
  collectGarbage();
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < LIVE; i++) {
    const reply = host.call({ ...portalCall('delayed', codeOf(i)), downloadDelay: 43_200 } as ReturnType<typeof portalCall>);
    if (reply.type !== 'operation' || !reply.created) throw new Error(`heap: call ${i} refused`);
  }
  await host.idle();
  collectGarbage();
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  if (Object.keys(host.state().operations).length !== LIVE + 1) throw new Error('heap: an operation is missing');
  host.stop();
  return (after - before) / LIVE;
}

export async function runHeap(): Promise<Section> {
  const rows: string[][] = [];
  const perOp = new Map<Effects, number>();
  for (const effects of ['bench device, writes discarded', 'bench device, RecordStorage in memory'] as const) {
    const runs = [await heapPerOperation(effects), await heapPerOperation(effects), await heapPerOperation(effects)].sort((a, b) => a - b);
    perOp.set(effects, runs[1]!);
    rows.push([effects, formatCount(LIVE), formatBytes(runs[1]!)]);
  }
  const host = perOp.get('bench device, writes discarded')!;
  const targets: Target[] = [{ name: 'heap per live operation through createHost (writes discarded)', figure: formatBytes(host), limit: '≤ 1.2 KB', pass: host <= 1.2 * 1024 }];
  return {
    title: '8. Heap per live operation (issue 16)',
    tables: [{ title: `Heap used per live operation (${formatCount(LIVE)} delayed downloads parked in \`scheduled\`; median of 3)`, head: ['effects', 'live ops', 'heap per op'], rows }],
    targets,
    notes: [
      'process.memoryUsage().heapUsed after two full collections, with N live operations minus with one, divided by N. Each operation holds its record, its secrets, its owner entry in the core, and one armed timer in the bench device\'s virtual clock (a closure and a heap entry: the only effect state); the UI, LPA and report effects keep nothing.',
      'Writes discarded: the storage takes each write and keeps nothing, so the figure is the host\'s own. RecordStorage in memory adds the stored JSON of each record (what an in-memory store keeps, not the host).',
    ],
  };
}
