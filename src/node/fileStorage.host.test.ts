import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Quarantined } from '../core/document';
import type { DiagnosticNotice } from '../core/commands';
import { createHost, type Host } from '../host/host';
import { createSimulatedDevice } from '../sim/device/device';
import { createFileStorage, fileStorage, type FileStorage } from './fileStorage';
import { nodeFileSystem, type StoreFileSystem } from './fileSystem';
import { recordFileName } from './storeLayout';

/* The file storage under a real host: what the world does to files, the host survives. */

const metadata = { userAccount: 'New', purchaseInstrument: 'New', lineType: 'New', moDirectStatus: 'Complete', planName: '2GB Monthly' };
const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const undo of cleanup.splice(0).reverse()) undo();
});

function freshDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'file-storage-host-'));
  cleanup.push(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

async function startedHost(storage: FileStorage, extra: { onQuarantine?: (q: Quarantined) => void; diagnostics?: DiagnosticNotice[] } = {}): Promise<Host> {
  const device = createSimulatedDevice({ onDiagnostic: (notice) => void extra.diagnostics?.push(notice) });
  const host = createHost({ effects: { ...device.effects, storage }, ...(extra.onQuarantine === undefined ? {} : { onQuarantine: extra.onQuarantine }) });
  device.attach(host);
  cleanup.push(() => host.stop());
  await host.start();
  return host;
}

function delayedDownload(host: Host, matchingId: string): string {
  const reply = host.call({ kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata, activationCode: `1$smdp.example.com$${matchingId}`, downloadDelay: 15 });
  if (reply.type !== 'operation') throw new Error(`no operation: ${JSON.stringify(reply)}`);
  return reply.operationId;
}

describe('fileStorage under createHost', () => {
  it('a truncated record is quarantined through onQuarantine and the other operations resume', async () => {
    const directory = freshDirectory();
    const first = await startedHost(fileStorage(directory));
    const damaged = delayedDownload(first, 'MATCH-DAMAGED');
    const intact = delayedDownload(first, 'MATCH-INTACT');
    await first.idle();
    first.stop();
    writeFileSync(join(directory, recordFileName(damaged)!), '{"live":{"id":"op'); // a disk that lost the record's end

    const quarantined: Quarantined[] = [];
    const diagnostics: DiagnosticNotice[] = [];
    const second = await startedHost(fileStorage(directory), { onQuarantine: (q) => void quarantined.push(q), diagnostics });
    await second.idle();
    expect(quarantined).toEqual([expect.objectContaining({ kind: 'operation', operationId: damaged })]);
    expect(diagnostics.map((notice) => notice.diagnostic.code)).toContain('documentQuarantined');
    expect(second.operations()).toEqual([expect.objectContaining({ id: intact, state: 'scheduled', live: true })]);
    // The next write replaced the store: the damaged record is gone from disk, the intact one is there.
    const stored = await fileStorage(directory).load();
    expect([...(stored!.records as Map<string, string>).keys()]).toEqual([intact]);
  });

  it('a disk that is full for a while: the host writes again, and what it promised ends up stored', async () => {
    const directory = freshDirectory();
    let failuresLeft = 0;
    const files: StoreFileSystem = {
      ...nodeFileSystem,
      writeAtomically: (path, text) => {
        if (failuresLeft === 0) return nodeFileSystem.writeAtomically(path, text);
        failuresLeft -= 1;
        return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
      },
    };
    const diagnostics: DiagnosticNotice[] = [];
    const host = await startedHost(createFileStorage(directory, files), { diagnostics });
    await host.idle();

    failuresLeft = 3; // every attempt of the next step's write fails
    const waiting = delayedDownload(host, 'MATCH-FULL');
    await host.idle();
    expect(diagnostics.map((notice) => notice.diagnostic.field)).toContain('storage.save');
    expect(await fileStorage(directory).load()).toMatchObject({ records: new Map() });

    host.launch('tx-after-the-disk-freed'); // any later step writes what the failed one carried
    await host.idle();
    const stored = (await fileStorage(directory).load())!;
    expect([...(stored.records as Map<string, string>).keys()]).toEqual([waiting]);
    expect(JSON.parse(stored.header)).toMatchObject({ transactionId: 'tx-after-the-disk-freed' });
  });
});
