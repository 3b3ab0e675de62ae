import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startMinimalHost } from '../../docs/examples/minimal-host';
import type { CoreState } from '../../src/core/state';
import type { Effects } from '../../src/host/effects';
import { createHost } from '../../src/host/host';
import { createSimulatedDevice, settleMicrotasks } from '../../src/sim/device/index';
import { DeferredStorage } from '../support/deferredStorage';
import { operationIdOf, profileDownload } from '../support/world';

/* Write-ahead with an asynchronous storage: no command of a step runs before that step's save has ended. */

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const undo of cleanup.splice(0).reverse()) undo();
});

describe('write-ahead with an asynchronous storage', () => {
  it('the minimal host of the guide starts lpa.download only once the file holds the operation', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    cleanup.push(() => log.mockRestore());
    const dir = mkdtempSync(join(tmpdir(), 'write-ahead-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'state.json');
    const device = createSimulatedDevice();
    const onDisk: Array<{ operationId: string; stored: boolean; lpaActive: string | null }> = [];
    const host = await startMinimalHost(
      {
        lpa: {
          ...device.effects.lpa,
          download: (request) => {
            const saved = JSON.parse(readFileSync(file, 'utf8')) as CoreState;
            onDisk.push({ operationId: request.operationId, stored: saved.operations[request.operationId] !== undefined, lpaActive: saved.lpa.active });
            return device.effects.lpa.download(request);
          },
        },
        modem: device.effects.modem,
        ui: device.effects.ui,
        callback: () => {},
        connect: (h) => void device.attach(h),
      },
      file,
    );
    cleanup.push(() => host.stop());
    const id = operationIdOf(host.call(profileDownload()));
    await host.idle();
    expect(onDisk).toEqual([{ operationId: id, stored: true, lpaActive: id }]);
  });

  it('commands of a later step wait behind an earlier save still in flight, and run in order', async () => {
    const device = createSimulatedDevice();
    const storage = new DeferredStorage();
    const ran: string[] = [];
    const effects: Effects = {
      ...device.effects,
      storage,
      ui: { ...device.effects.ui, progress: (operationId, stage) => void ran.push(`progress ${operationId} ${stage}`) },
      lpa: { ...device.effects.lpa, download: (request) => (ran.push(`download ${request.operationId}`), new Promise(() => {})) },
    };
    const host = createHost({ effects });
    device.attach(host);
    const starting = host.start();
    await settleMicrotasks();
    storage.complete(); // the restore's save
    await starting;
    const first = operationIdOf(host.call(profileDownload(undefined, '1$smdp.example.com$FIRST-CODE')));
    const second = operationIdOf(host.call(profileDownload(undefined, '1$smdp.example.com$SECOND-CODE')));
    await settleMicrotasks();
    expect(ran, 'nothing runs while the first hand-off is not stored').toEqual([]);
    expect(storage.waiting, 'the second save queues behind the first').toBe(1);

    storage.complete();
    await settleMicrotasks();
    expect(storage.durable?.operations[first]).toBeDefined();
    expect(ran, 'only the first step, once its save ended').toEqual([`progress ${first} downloading`, `download ${first}`]);

    storage.complete();
    await settleMicrotasks();
    expect(ran.slice(2), 'the second step, once its own save ended').toEqual([`progress ${second} downloading`]);
    host.stop();
  });

  it('a crash after the save was written but before its commands ran: the restart runs them, once', async () => {
    const device = createSimulatedDevice();
    const storage = new DeferredStorage();
    const downloads: string[] = [];
    const effects: Effects = { ...device.effects, storage, lpa: { ...device.effects.lpa, download: (r) => (downloads.push(r.operationId), device.effects.lpa.download(r)) } };
    const first = createHost({ effects });
    device.attach(first);
    const starting = first.start();
    await settleMicrotasks();
    storage.complete();
    await starting;
    const id = operationIdOf(first.call(profileDownload()));
    await settleMicrotasks();
    storage.complete(false); // written, never acknowledged: the power went out
    await settleMicrotasks();
    expect(downloads).toEqual([]);
    first.stop();
    storage.crash();

    const second = createHost({ effects });
    device.attach(second);
    const restarting = second.start();
    await settleMicrotasks();
    storage.complete();
    await restarting;
    await settleMicrotasks();
    while (storage.waiting > 0) {
      storage.complete();
      await settleMicrotasks();
    }
    expect(downloads).toEqual([id]);
    second.stop();
  });
});
