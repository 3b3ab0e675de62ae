import { createActor, type AnyStateMachine, type Snapshot } from 'xstate';
import { machines } from '../machines/index';
import { createState, step, type CoreState } from '../src/core/index';
import { createHost, type Host } from '../src/host/host';
import { createSimulatedDevice, type SimulatedDevice } from '../src/sim/device/index';
import { portalCall, START } from './flows';
import { measureAsync, ratioOf, timeOf, type Task } from './lib/measure';
import { formatBytes, formatCount, formatMs, formatRatio, type Section, type Target } from './lib/report';

/*
 * 3. Persistence of 10,000 pending operations (delayed downloads in `scheduled`): the size of
 * the persisted document, the time to persist it (JSON.stringify) and to restore it
 * (JSON.parse, then a host start on the simulated device, which re-arms every deadline).
 * Reference: the same 10,000 machines as xstate persisted snapshots
 * (actor.getPersistedSnapshot()), restored with createActor(machine, { snapshot }).start().
 */

const PENDING = 10_000;
// A realistic SGP.22 code: an SM-DP+ address and a 23-character matching ID, distinct per operation.
const codeOf = (i: number) => `LPA:1$smdp-plus.operator.example.com$${String(i).padStart(5, '0')}-AGYFT-A74Y8-3F815`;

function pendingDocument(count: number): CoreState {
  let state = createState();
  for (let i = 0; i < count; i++) {
    const result = step(state, { type: 'portal.call', now: START, call: portalCall('delayed', codeOf(i)) });
    if (result.reply.type !== 'operation') throw new Error(`persistence: call ${i} refused`);
    state = result.state;
  }
  return state;
}

/** The same operations as bare xstate actors, persisted the xstate way. */
function xstatePersisted(count: number): unknown[] {
  const machine = machines.delayedDownload as unknown as AnyStateMachine;
  const timing = createState().config.timing;
  const snapshots: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const actor = createActor(machine, { input: { operationId: `op-${i + 1}`, now: START, timing, delayMs: 15 * 60_000, code: { address: 'smdp-plus.operator.example.com', confirmationCodeRequired: false, masked: '1$smdp-plus.operator.example.com$***' } } }).start();
    actor.send({ type: 'operation.start', now: START });
    if (actor.getSnapshot().value !== 'scheduled') throw new Error('persistence: xstate reference not in scheduled');
    snapshots.push(actor.getPersistedSnapshot());
  }
  return snapshots;
}

/** A host on a fresh simulated device whose storage holds `text`: start() parses and restores it. */
function restoringHost(text: string): { host: Host; device: SimulatedDevice } {
  const device = createSimulatedDevice({ startTime: START });
  const host = createHost({ effects: { ...device.effects, storage: { load: () => JSON.parse(text) as CoreState, save: () => {} } } });
  device.attach(host);
  return { host, device };
}

const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

export async function runPersistence(): Promise<Section> {
  const document = pendingDocument(PENDING);
  const text = JSON.stringify(document);
  const emptyBytes = size(createState());
  const perOp = (Buffer.byteLength(text) - emptyBytes) / PENDING;
  const op = Object.values(document.operations)[0]!;
  const { context, ...record } = op;
  const secretBytes = (Buffer.byteLength(JSON.stringify(document.secrets)) - size(createState().secrets)) / PENDING;

  const xstate = xstatePersisted(PENDING);
  const xstateText = JSON.stringify(xstate);
  const xstatePerOp = Buffer.byteLength(xstateText) / PENDING;

  // Once, untimed: a restore re-arms every deadline at its original time.
  const check = restoringHost(text);
  await check.host.start();
  const armed = check.device.clock.pending().filter((entry) => entry.id !== undefined);
  if (armed.length !== PENDING || armed.some((entry) => entry.at !== document.operations[entry.id!]?.context.deadline)) {
    throw new Error(`persistence: restore armed ${armed.length} deadlines, expected ${PENDING} at their original times`);
  }
  check.host.stop();

  let next: { host: Host } | null = null;
  const machine = machines.delayedDownload as unknown as AnyStateMachine;
  const tasks: Task[] = [
    ['persist: JSON.stringify(state)', () => JSON.stringify(document)],
    ['persist: xstate snapshots', () => JSON.stringify(xstate)],
    ['restore: parse + host start', async () => next!.host.start(), { beforeEach: () => void (next = restoringHost(text)), afterEach: () => next?.host.stop() }],
    ['restore: parse + xstate actors', () => {
      const parsed = JSON.parse(xstateText) as Array<Snapshot<unknown>>;
      return parsed.map((snapshot) => createActor(machine, { snapshot }).start());
    }],
  ];
  const comparison = await measureAsync(tasks, { rounds: 3, time: 300, iterations: 3, warmupIterations: 1, warmupTime: 0 });
  const persist = timeOf(comparison, 'persist: JSON.stringify(state)');
  const restore = timeOf(comparison, 'restore: parse + host start');
  const total = persist + restore;

  const rows = [
    ['persisted bytes per operation', `${Math.round(perOp)} B`, `${Math.round(xstatePerOp)} B`, formatRatio(perOp / xstatePerOp)],
    [`persist ${formatCount(PENDING)} (JSON.stringify)`, formatMs(persist), formatMs(timeOf(comparison, 'persist: xstate snapshots')), formatRatio(ratioOf(comparison, 'persist: JSON.stringify(state)', 'persist: xstate snapshots'))],
    [`restore ${formatCount(PENDING)} (parse + start, re-arm)`, formatMs(restore), formatMs(timeOf(comparison, 'restore: parse + xstate actors')), formatRatio(ratioOf(comparison, 'restore: parse + host start', 'restore: parse + xstate actors'))],
    ['persist + restore', formatMs(total), '', ''],
  ];
  const breakdown = [
    ['operation record without context', formatBytes(size(record))],
    ['machine context', formatBytes(size(context))],
    ['secrets (activation code + owner index)', formatBytes(secretBytes)],
  ];
  const targets: Target[] = [
    { name: `persist + restore of ${formatCount(PENDING)} pending operations`, figure: formatMs(total), limit: '< 0.5 s', pass: total < 500 },
    { name: 'persisted bytes per pending operation', figure: `${Math.round(perOp)} B`, limit: '≤ 1 KB (1,024 B)', pass: perOp <= 1024 },
  ];
  return {
    title: '3. Persistence',
    tables: [
      { title: `${formatCount(PENDING)} delayed downloads in scheduled (document ${formatBytes(Buffer.byteLength(text))})`, head: ['figure', 'engine', 'xstate snapshots', 'engine ÷ xstate'], rows },
      { title: 'Where the bytes of one pending operation go', head: ['part', 'bytes'], rows: breakdown },
    ],
    targets,
    notes: [
      'Restore runs through createHost on the simulated device: storage.load parses the text, start() sends `restore`, and every deadline is re-armed through scheduler.set (checked once: 10,000 timers at their original times).',
      'The xstate reference restores bare actors; it re-arms nothing (the machines keep deadlines in context).',
    ],
  };
}
