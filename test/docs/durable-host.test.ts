import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimulatedDevice, type SimulatedDevice } from '../../src/sim/index';
import { REPOSITORY_ROOT } from '../../src/docs/generate';
import { DURABLE_HOST_SOURCE } from '../../src/docs/hostGuide';
import { startDurableHost, type DurableHost, type Platform } from '../../docs/examples/durable-host';

/* The host guide's durable-kit example is real: it runs as written against the simulated device and type-checks. */

const metadata = { userAccount: 'New', purchaseInstrument: 'New', lineType: 'New', moDirectStatus: 'Complete', planName: '2GB Monthly' };
const MATCHING_ID = 'DURABLE-EXAMPLE-MATCHING-ID';
const activationCode = `1$smdp.example.com$${MATCHING_ID}`;

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const undo of cleanup.splice(0).reverse()) undo();
});

function directory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'durable-host-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'state');
}

function platformOf(device: SimulatedDevice, callbacks: string[]): Platform {
  return {
    lpa: device.effects.lpa,
    modem: device.effects.modem,
    ui: device.effects.ui,
    callback: (_operationId, script) => void callbacks.push(script),
    connect: (host) => void device.attach(host),
  };
}

function lines(): { write(line: string): void; all: string[] } {
  const all: string[] = [];
  return { all, write: (line) => void all.push(line) };
}

async function started(platform: Platform, dir: string, log: { write(line: string): void }): Promise<DurableHost> {
  const running = await startDurableHost(platform, dir, log);
  cleanup.push(() => running.shutdown());
  return running;
}

describe('the durable host of the host guide', () => {
  it('runs an inline download to connected, stores it in private files, and logs one JSON report without the matching ID', async () => {
    const device = createSimulatedDevice();
    const callbacks: string[] = [];
    const log = lines();
    const dir = directory();
    const { host } = await started(platformOf(device, callbacks), dir, log);
    const reply = host.call({ kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata, activationCode });
    const id = reply.type === 'operation' ? reply.operationId : '';
    await host.idle();
    await device.clock.advanceAsync(10_000);
    await host.idle();

    expect(host.operations()).toContainEqual({ id, flow: 'inlineDownload', state: 'connected', live: false, outcome: 'connected' });
    expect(callbacks).toEqual(expect.arrayContaining(['profileActivationComplete', 'registrationChanged']));
    const reports = log.all.map((line) => JSON.parse(line) as { type: string; report?: { operationId: string; outcome: string } }).filter((line) => line.type === 'report');
    expect(reports.map((line) => [line.report?.operationId, line.report?.outcome])).toEqual([[id, 'connected']]);
    expect(log.all.join('')).not.toContain(MATCHING_ID);
    expect(readdirSync(dir).sort()).toEqual(['header.json', `record.${id}.json`]);
    expect(statSync(join(dir, `record.${id}.json`)).mode & 0o777).toBe(0o600);
  });

  it('after a restart, a deadline that passed while it was down fires at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.UTC(2026, 0, 1) });
    cleanup.push(() => vi.useRealTimers());
    const device = createSimulatedDevice();
    const dir = directory();
    const first = await started(platformOf(device, []), dir, lines());
    const reply = first.host.call({ kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata, activationCode, downloadDelay: 15 });
    const id = reply.type === 'operation' ? reply.operationId : '';
    await first.host.idle();
    expect(first.host.operations()).toContainEqual(expect.objectContaining({ id, state: 'scheduled' }));
    first.shutdown();
    expect(vi.getTimerCount()).toBe(0); // nothing keeps the process alive

    vi.setSystemTime(Date.now() + 20 * 60_000); // the app was not running when the 15 minutes ended
    const second = await started(platformOf(device, []), dir, lines());
    await second.host.idle();
    await vi.advanceTimersByTimeAsync(0);
    await second.host.idle();
    expect(second.host.operations()).toContainEqual(expect.objectContaining({ id, state: 'toastShown' }));
    expect(device.ui.toasts()).toContain(id);
  });

  it("type-checks with the project's compiler options", () => {
    const configPath = join(REPOSITORY_ROOT, 'tsconfig.json');
    const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, REPOSITORY_ROOT);
    const example = join(REPOSITORY_ROOT, DURABLE_HOST_SOURCE);
    const program = ts.createProgram([example], parsed.options);
    const problems = ts.getPreEmitDiagnostics(program, program.getSourceFile(example)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  }, 60_000);
});
