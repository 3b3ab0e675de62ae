import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { restoreDocument } from '../../src/core/document';
import type { CoreState } from '../../src/core/state';
import { recordOf, type DocumentChanges } from '../../src/core/storedRecords';
import type { Effects } from '../../src/host/effects';
import { createHost, type Host } from '../../src/host/host';
import { createSimulatedDevice, RecordStorage, type SimulatedDevice } from '../../src/sim/device/index';
import { operationIdOf, profileDownload } from '../support/world';

/*
 * The incremental storage contract (decision D35): every write carries the header only when it
 * changed and the records of the operations the step changed; what storage holds restores to
 * the host's state; today's whole-document format (test/fixtures/document-v1.json) still
 * restores and is rewritten as records on the first write.
 */

const FIXTURE_TEXT = readFileSync(new URL('../fixtures/document-v1.json', import.meta.url), 'utf8');

/** A record storage that also keeps every write it was given. */
class WatchedStorage extends RecordStorage {
  readonly changes: DocumentChanges[] = [];
  constructor(readonly initial: unknown = null) {
    super();
  }
  override load() {
    return super.load() ?? (this.initial as ReturnType<RecordStorage['load']>);
  }
  /** When set, after every write: the state the records must restore to. */
  expected: (() => CoreState) | null = null;
  readonly mismatches: number[] = [];
  override write(changes: DocumentChanges): void {
    this.changes.push(changes);
    super.write(changes);
    if (this.expected !== null && !isDeepStrictEqual(restoredForm(this.load()), restoredForm(JSON.parse(JSON.stringify(this.expected()))))) this.mismatches.push(this.changes.length);
  }
}

function hostOn(storage: WatchedStorage, device: SimulatedDevice = createSimulatedDevice({ startTime: Date.parse('2026-01-01T00:10:00Z') })): { host: Host; device: SimulatedDevice; storage: () => WatchedStorage } {
  const effects: Effects = { ...device.effects, storage };
  const host = createHost({ effects });
  device.attach(host);
  return { host, device, storage: () => storage };
}

/** The state as a restore reads it, in a form two states can be compared by. */
const restoredForm = (loaded: unknown) => JSON.parse(JSON.stringify(restoreDocument(loaded).state)) as CoreState;

describe('incremental storage', () => {
  it('stores records that restore to the host state after every step of several flows', async () => {
    const storage = new WatchedStorage();
    const { host, device } = hostOn(storage);
    storage.expected = () => host.state();
    await host.start();
    const ids = [operationIdOf(host.call(profileDownload())), operationIdOf(host.call(profileDownload(30, '1$smdp.example.com$SECOND-MATCHING-ID-0042')))];
    await device.clock.advanceAsync(3_600_000);
    await host.idle();
    expect(host.operations().find((op) => op.id === ids[0])?.live).toBe(false);
    expect(storage.changes.length).toBeGreaterThan(5);
    expect(storage.mismatches).toEqual([]);
    expect(restoredForm(storage.load())).toEqual(restoredForm(JSON.parse(JSON.stringify(host.state()))));
  });

  it('writes only the operation a step changed, and the header only when it changed', async () => {
    const storage = new WatchedStorage();
    const { host } = hostOn(storage);
    await host.start();
    const first = operationIdOf(host.call(profileDownload(60)));
    const second = operationIdOf(host.call(profileDownload(60, '1$smdp.example.com$SECOND-MATCHING-ID-0042')));
    await host.idle();
    const before = storage.changes.length;
    host.user.dismissToast(second); // the toast is not shown yet: ignored, nothing changes but this id's record
    host.send({ type: 'portal.closed' });
    await host.idle();
    const [dismissed, closed] = storage.changes.slice(before);
    expect([...dismissed!.put.keys()]).toEqual([second]);
    expect(dismissed!.header).toBeNull();
    expect(closed!.put.size).toBe(0);
    expect(JSON.parse(closed!.header!).portalOpen).toBe(false);
    expect(storage.changes[0]!.replace).toBe(true);
    expect(storage.changes.slice(1).every((c) => !c.replace)).toBe(true);
    expect(first).not.toBe(second);
  });

  it('keeps the commands waiting for the LPA in their records: queueing writes no header, and a restore keeps their order', async () => {
    const storage = new WatchedStorage();
    const { host, device } = hostOn(storage);
    storage.expected = () => host.state();
    await host.start();
    device.lpa.setDefaultOutcome('download', { slow: { durationMs: 8_000 } });
    const codes = Array.from({ length: 6 }, (_, i) => `1$smdp.example.com$QUEUED-MATCHING-ID-${i}`);
    const ids = [operationIdOf(host.call(profileDownload(undefined, codes[0])))];
    const before = storage.changes.length;
    for (const code of codes.slice(1)) ids.push(operationIdOf(host.call(profileDownload(undefined, code))));
    expect(host.state().lpa.queue.map((c) => c.operationId)).toEqual(ids.slice(1));
    // Queueing changed only the queued operation's own record: no header, nothing else.
    expect(storage.changes.slice(before).map((c) => [c.header, [...c.put.keys()]])).toEqual(ids.slice(1).map((id) => [null, [id]]));
    expect(JSON.parse(storage.load()!.header)).toMatchObject({ lpa: { active: ids[0] } });
    // Restored from the records alone: the LPA goes to the operation that held it, then the others in line.
    const restored = restoreDocument(storage.load()).state;
    expect(restored.lpa.active).toBe(ids[0]);
    expect(restored.lpa.queue.map((c) => c.operationId)).toEqual(ids.slice(1));
    await device.clock.advanceAsync(3_600_000);
    await host.idle();
    expect(storage.mismatches).toEqual([]);
  });

  it("a restart's replacing write hands back the stored text of records restored unchanged, and serializes the others anew (D59)", async () => {
    const first = hostOn(new WatchedStorage());
    await first.host.start();
    first.device.lpa.setDefaultOutcome('download', { slow: { durationMs: 8_000 } });
    const inLine = [0, 1, 2].map((i) => operationIdOf(first.host.call(profileDownload(undefined, `1$smdp.example.com$LINE-MATCHING-ID-${i}`))));
    const parked = [0, 1, 2].map((i) => operationIdOf(first.host.call(profileDownload(60, `1$smdp.example.com$PARKED-MATCHING-ID-${i}`))));
    first.host.stop();
    const stored = first.storage().load()!;
    // Written back as loaded, a record keeps this indentation; serialized anew, it loses it.
    const indented = new Map([...(stored.records as Map<string, string>)].map(([id, text]) => [id, JSON.stringify(JSON.parse(text), null, 1)]));
    const withExtra = parked[2]!;
    indented.set(withExtra, JSON.stringify({ ...JSON.parse(indented.get(withExtra)!), note: 'a key recordOf does not write' }, null, 1));
    // Two records claiming to own one code: the later keeps the claim, the earlier's stored owner flag is stale.
    const [claimant, rival] = parked as [string, string, string];
    const rivalRecord = JSON.parse(indented.get(rival)!) as { secrets: { activationCode: string }; owner?: true };
    rivalRecord.secrets.activationCode = (JSON.parse(indented.get(claimant)!) as { secrets: { activationCode: string } }).secrets.activationCode;
    indented.set(rival, JSON.stringify(rivalRecord, null, 1));
    const storage = new WatchedStorage({ header: stored.header, records: indented });
    /** What recordOf gives for each id at the moment of the replacing write. */
    let held: Map<string, string> | null = null;
    const second = hostOn(storage);
    const write = storage.write.bind(storage);
    storage.write = (changes) => {
      // Every record of the replacing write says what the host's state holds at that moment.
      held ??= new Map([...changes.put.keys()].map((id) => [id, recordOf(second.host.state(), id)!]));
      write(changes);
    };
    storage.expected = () => second.host.state();
    await second.host.start();
    const replacing = storage.changes[0]!;
    expect(replacing.replace).toBe(true);
    expect([...replacing.put.keys()].sort()).toEqual([...inLine, ...parked].sort());
    for (const [id, text] of replacing.put) expect(JSON.parse(text)).toEqual(JSON.parse(held!.get(id)!));
    expect(rivalRecord.owner).toBe(true);
    expect(replacing.put.get(rival)).toBe(indented.get(rival));
    // The LPA's operations had their places rebuilt; the stale owner flag and the stray key are written as recordOf writes them.
    for (const id of [...inLine, claimant, withExtra]) expect(replacing.put.get(id)).toBe(held!.get(id));
    expect(JSON.parse(replacing.put.get(claimant)!)).not.toHaveProperty('owner');
    await second.device.clock.advanceAsync(3_600_000 * 2);
    await second.host.idle();
    expect(storage.mismatches).toEqual([]);
  });

  it('restores records whose header still holds the LPA queue (written before the queue moved to the records)', () => {
    const queue = [{ type: 'lpa.download', operationId: 'op-1', activationCode: '', confirmationCode: null }];
    const fixture = JSON.parse(FIXTURE_TEXT) as Record<string, unknown>;
    const header = JSON.stringify({ ...fixture, lpa: { active: 'op-3', queue }, operations: undefined, finished: undefined, secrets: undefined, followers: undefined });
    const document = fixture as { operations: Record<string, unknown>; secrets: { operations: Record<string, unknown> } };
    const records = new Map(['op-1', 'op-3'].map((id) => [id, JSON.stringify({ live: document.operations[id], secrets: document.secrets.operations[id] })]));
    const restored = restoreDocument({ header, records });
    expect(restored.quarantined).toEqual([]);
    expect(restored.state.lpa.queue.map((c) => c.operationId)).toEqual(['op-1']);
  });

  it("restores today's whole-document format, then rewrites it as records that restore the same", async () => {
    const legacy = JSON.parse(FIXTURE_TEXT) as unknown;
    const storage = new WatchedStorage(legacy);
    const { host } = hostOn(storage);
    await host.start();
    await host.idle();
    expect(host.operations().map((op) => [op.id, op.state, op.live])).toEqual([
      ['op-1', 'scheduled', true],
      ['op-2', 'confirmationCode', true],
      ['op-3', 'waiting', true],
      ['op-4', 'purchaseCancelled', false],
    ]);
    expect(storage.changes[0]!.replace).toBe(true);
    expect(storage.size).toBe(4);
    const again = hostOn(new WatchedStorage(storage.load()));
    await again.host.start();
    expect(again.host.operations()).toEqual(host.operations());
    expect(restoredForm(storage.load())).toEqual(restoredForm(JSON.parse(JSON.stringify(host.state()))));
  });

  it('writes again what a failed write carried', async () => {
    let failNext = false;
    const storage = new (class extends WatchedStorage {
      override write(changes: DocumentChanges): void {
        if (failNext) {
          failNext = false;
          throw new Error('disk full');
        }
        super.write(changes);
      }
    })();
    const { host } = hostOn(storage);
    await host.start();
    failNext = true;
    const id = operationIdOf(host.call(profileDownload(60)));
    await host.idle();
    expect(restoreDocument(storage.load()).state.operations[id]).toBeDefined();
  });

  it('quarantines a record that is not JSON and resumes the others', () => {
    const records = new Map([['op-9', '{"live": oops']]);
    const header = JSON.stringify({ ...JSON.parse(FIXTURE_TEXT), operations: undefined, finished: undefined, secrets: undefined, followers: undefined });
    const restored = restoreDocument({ header, records });
    expect(restored.quarantined).toEqual([{ kind: 'operation', operationId: 'op-9', record: '{"live": oops', secrets: undefined, reason: 'the record is not JSON' }]);
    expect(restoreDocument({ header: 'nope', records }).quarantined[0]?.kind).toBe('document');
  });
});
