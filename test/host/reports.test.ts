import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/commands';
import type { CoreState } from '../../src/core/state';
import type { Effects, StorageEffects } from '../../src/host/effects';
import { createHost, type Host } from '../../src/host/host';
import { createSimulatedDevice, MemoryStorage, settleMicrotasks, type SimulatedDevice } from '../../src/sim/device/index';
import { DeferredStorage } from '../support/deferredStorage';
import { operationIdOf, profileDownload } from '../support/world';

/* Exactly one report per operation, whatever the storage does around the final step and whenever the host restarts. */

function hostOn(device: SimulatedDevice, storage: StorageEffects, reports: Report[]): Host {
  const effects: Effects = { ...device.effects, storage, report: (r) => void reports.push(r), diagnostic: () => {} };
  const host = createHost({ effects });
  device.attach(host);
  return host;
}

/** A memory storage that refuses every save of a document in which an operation has finished. */
class FinalSaveFails extends MemoryStorage {
  failing = true;
  override save(document: CoreState): void {
    if (this.failing && Object.keys(document.finished).length > 0) throw new Error('disk full');
    super.save(document);
  }
}

describe('one report per operation', () => {
  it('the final save fails, then the host restarts: one report, from the restarted host', async () => {
    const device = createSimulatedDevice();
    const storage = new FinalSaveFails();
    const reports: Report[] = [];
    const first = hostOn(device, storage, reports);
    await first.start();
    const id = operationIdOf(first.call(profileDownload()));
    await device.clock.advanceAsync(60_000);
    expect(first.operations()).toMatchObject([{ id, live: false, outcome: 'connected' }]);
    first.stop();

    storage.failing = false;
    const second = hostOn(device, storage, reports);
    await second.start();
    await device.clock.advanceAsync(10 * 60_000);
    await second.idle();
    expect(reports.map((r) => [r.operationId, r.outcome])).toEqual([[id, reports[0]?.outcome]]);
    expect(reports).toHaveLength(1);
  });

  it('a crash after the final step was stored but before its report ran: the restart sends the report, once', async () => {
    const device = createSimulatedDevice({ registration: 'none' });
    const storage = new DeferredStorage();
    const reports: Report[] = [];
    const first = hostOn(device, storage, reports);
    const drainSaves = async (ack = true) => {
      await settleMicrotasks();
      while (storage.waiting > 0) {
        storage.complete(ack);
        await settleMicrotasks();
      }
    };
    const starting = first.start();
    await drainSaves();
    await starting;
    const id = operationIdOf(first.call(profileDownload()));
    await drainSaves();
    expect(first.operations()).toMatchObject([{ id, state: 'registering' }]);
    device.modem.change(first.state().operations[id]!.context.iccid!, 'home');
    await drainSaves(false); // the final step is written, its report never ran
    expect(reports).toEqual([]);
    first.stop();
    storage.crash();

    const second = hostOn(device, storage, reports);
    const restarting = second.start();
    await drainSaves();
    await restarting;
    await drainSaves();
    expect(reports.map((r) => [r.operationId, r.outcome])).toEqual([[id, 'connected']]);

    second.stop(); // and once delivered and stored, a later restart does not send it again
    const third = hostOn(device, storage, reports);
    const again = third.start();
    await drainSaves();
    await again;
    await drainSaves();
    expect(reports).toHaveLength(1);
    third.stop();
  });
});
