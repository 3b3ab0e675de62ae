import { describe, expect, it } from 'vitest';
import { cloneState, createState, step, type CoreState, type PortalCall } from '../../src/core/index';
import type { DocumentChanges } from '../../src/core/storedRecords';
import type { StorageEffects } from '../../src/host/effects';
import { createHost, type Host } from '../../src/host/host';
import { createSimulatedDevice, RecordStorage } from '../../src/sim/device/index';

/*
 * Retention drops the operations that finished first, whatever their ids look like. Object keys
 * that read as integers (`10`) are listed before the others, so an order read back from a map's
 * keys puts `10` first after a copy or a restart: the finished order must be in the state itself.
 */

const cancelled: PortalCall = { kind: 'cancelledPurchase', entryPoint: 'MobilePlans.notifyCancelledPurchase', metadata: {} };

function finish(state: CoreState, operationId: string, now: number): CoreState {
  const { state: next, reply } = step(state, { type: 'portal.call', now, call: cancelled, operationId });
  expect(reply).toEqual({ type: 'operation', operationId, created: true });
  return next;
}

const keptIds = (state: CoreState) => Object.keys(state.finished).sort();

describe('the finished order', () => {
  it('survives a clone: b, 10, c finished in that order with two kept keeps 10 and c', () => {
    let state = createState({ retainFinished: 2 });
    state = finish(state, 'b', 0);
    state = finish(state, '10', 0);
    let copy = cloneState(state);
    copy = finish(copy, 'c', 0);
    expect(keptIds(copy)).toEqual(['10', 'c']);
  });

  it('survives a document saved whole and restored', () => {
    let state = createState({ retainFinished: 2 });
    for (const id of ['x', '7', 'y', '3']) state = finish(state, id, 5);
    // The newest two (y, 3) are kept; then z drops y, the older of them.
    const restored = JSON.parse(JSON.stringify(state)) as CoreState;
    expect(keptIds(finish(restored, 'z', 6))).toEqual(['3', 'z']);
  });

  it('survives a restart from an asynchronous incremental storage', async () => {
    const storage = slowRecordStorage();
    const ids = ['b', '10', 'c'];
    const first = hostOn(storage, ids);
    await first.host.start();
    first.host.call(cancelled);
    first.host.call(cancelled);
    await first.host.idle();
    first.host.stop();
    const second = hostOn(storage, ids.slice(2));
    await second.host.start();
    second.host.call(cancelled);
    await second.host.idle();
    expect(second.host.state().finished['c']).toBeDefined();
    expect(keptIds(second.host.state())).toEqual(['10', 'c']);
    // And what the storage holds says the same.
    const third = hostOn(storage, []);
    await third.host.start();
    expect(keptIds(third.host.state())).toEqual(['10', 'c']);
  });
});

/** Record storage whose writes complete on a later turn of the event loop, like a disk. */
function slowRecordStorage(): StorageEffects {
  const stored = new RecordStorage();
  return {
    load: () => stored.load(),
    write: (changes: DocumentChanges) => new Promise<void>((resolve) => setTimeout(() => resolve(stored.write(changes)), 1)),
  };
}

function hostOn(storage: StorageEffects, ids: string[]): { host: Host } {
  // Every operation ends at the same instant: the finish times cannot tell them apart either.
  const device = createSimulatedDevice({ startTime: Date.parse('2026-01-01T00:10:00Z') });
  const queue = [...ids];
  const host = createHost({ effects: { ...device.effects, storage, newId: () => queue.shift() ?? 'spare' }, config: { retainFinished: 2 } });
  device.attach(host);
  return { host };
}
