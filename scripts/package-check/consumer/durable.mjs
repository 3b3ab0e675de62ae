// Run with plain `node`: the durable kit (mobile-plans-fulfillment/node) from the tarball, as a
// Node host uses it: createHost on the simulated device with fileStorage, createScheduler and
// consoleReporter; an inline download to connected, then a second host on the same directory
// finds it, and the JSON lines never show the matching ID. The process must exit by itself.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHost } from 'mobile-plans-fulfillment';
import { consoleReporter, createScheduler, fileStorage, FileStorageError } from 'mobile-plans-fulfillment/node';
import { createSimulatedDevice } from 'mobile-plans-fulfillment/sim';

const directory = join(mkdtempSync(join(tmpdir(), 'durable-consumer-')), 'state');
const lines = [];
const sink = { write: (line) => void lines.push(line) };
const MATCHING_ID = 'PACKAGE-CHECK-MATCHING-ID';

async function start(device) {
  const scheduler = createScheduler();
  const host = createHost({ effects: { ...device.effects, storage: fileStorage(directory), scheduler, ...consoleReporter({ format: 'jsonl', stream: sink }) } });
  device.attach(host);
  await host.start();
  return { host, shutdown: () => (host.stop(), scheduler.dispose()) };
}

try {
  const device = createSimulatedDevice();
  const first = await start(device);
  const reply = first.host.call({
    kind: 'profileDownload',
    entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload',
    metadata: { userAccount: 'New', purchaseInstrument: 'New', lineType: 'New', moDirectStatus: 'Complete', planName: 'Durable 1GB' },
    activationCode: `1$smdp.example.com$${MATCHING_ID}`,
  });
  assert.equal(reply.type, 'operation', JSON.stringify(reply));
  await first.host.idle();
  await device.clock.advanceAsync(10_000);
  await first.host.idle();
  first.shutdown();

  const second = await start(createSimulatedDevice());
  const found = second.host.operations().find((operation) => operation.id === reply.operationId);
  assert.equal(found?.outcome, 'connected', JSON.stringify(second.host.operations()));
  second.shutdown();
  const files = readdirSync(directory).sort();
  assert.deepEqual(files, ['header.json', `record.${reply.operationId}.json`]);
  assert.equal(statSync(join(directory, files[1])).mode & 0o777, 0o600);
  const reports = lines.map((line) => JSON.parse(line)).filter((line) => line.type === 'report');
  assert.deepEqual(reports.map((line) => line.report.outcome), ['connected']);
  assert.ok(!lines.join('').includes(MATCHING_ID), 'a JSON line shows the matching ID');
  assert.equal(typeof FileStorageError, 'function');
  console.log(`${reply.operationId}: connected, stored in ${files.join(', ')} (0600), found again by a second host; ${lines.length} JSON lines, matching ID masked`);
} finally {
  rmSync(join(directory, '..'), { recursive: true, force: true });
}
