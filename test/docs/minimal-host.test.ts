import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimulatedDevice, type SimulatedDevice } from '../../src/sim/index';
import type { CoreState } from '../../src/core/index';
import type { Host } from '../../src/host/index';
import { REPOSITORY_ROOT } from '../../src/docs/generate';
import { MINIMAL_HOST_SOURCE } from '../../src/docs/hostGuide';
import { startMinimalHost, type Platform } from '../../docs/examples/minimal-host';

/* The host guide's example is real: it runs against the simulated device and type-checks. */

// The example imports the package by name, as a reader's host would: vitest.config.ts and
// tsconfig.json map that name to the sources (package.json's `exports` point at dist/).

const metadata = { userAccount: 'New', purchaseInstrument: 'New', lineType: 'New', moDirectStatus: 'Complete', planName: '2GB Monthly' };
const activationCode = '1$smdp.example.com$MATCH-EXAMPLE';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const undo of cleanup.splice(0).reverse()) undo();
});

function stateFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'minimal-host-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'state.json');
}

function platformOf(device: SimulatedDevice, callbacks: string[]): Platform {
  return {
    lpa: device.effects.lpa,
    modem: device.effects.modem,
    ui: device.effects.ui,
    callback: (_operationId, script, args) => void callbacks.push(`${script} ${args}`),
    connect: (host) => void device.attach(host),
  };
}

async function started(platform: Platform, file: string): Promise<Host> {
  const host = await startMinimalHost(platform, file);
  cleanup.push(() => host.stop());
  return host;
}

describe('the minimal host of the host guide', () => {
  it('runs an inline download on the simulated device to connected, and saves it', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    cleanup.push(() => log.mockRestore());
    const device = createSimulatedDevice();
    const callbacks: string[] = [];
    const file = stateFile();
    const host = await started(platformOf(device, callbacks), file);

    const reply = host.call({ kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata, activationCode });
    expect(reply.type).toBe('operation');
    const id = reply.type === 'operation' ? reply.operationId : '';
    await host.idle();
    await device.clock.advanceAsync(10_000); // the simulated modem registers on the virtual clock
    await host.idle();

    expect(host.operations()).toContainEqual({ id, flow: 'inlineDownload', state: 'connected', live: false, outcome: 'connected' });
    expect(callbacks[0]).toMatch(/^profileActivationComplete \{"activationResult":"success","iccid":"89\d+"\}$/);
    expect(callbacks.at(-1)).toMatch(/^registrationChanged \{"networkRegistrationState":"home"/);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as CoreState;
    expect(saved.finished[id]?.report.outcome).toBe('connected');
    expect(existsSync(`${file}.tmp`)).toBe(false);
    expect(log.mock.calls.some(([what, json]) => what === 'report' && String(json).includes('"outcome":"connected"'))).toBe(true);
  });

  it('after a restart, a deadline that passed while it was down fires at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.UTC(2026, 0, 1) });
    cleanup.push(() => vi.useRealTimers());
    const device = createSimulatedDevice();
    const file = stateFile();
    const first = await started(platformOf(device, []), file);
    const reply = first.call({ kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata, activationCode, downloadDelay: 15 });
    const id = reply.type === 'operation' ? reply.operationId : '';
    await first.idle();
    expect(first.operations()).toContainEqual(expect.objectContaining({ id, state: 'scheduled' }));
    first.stop();

    vi.setSystemTime(Date.now() + 20 * 60_000); // the app was not running when the 15 minutes ended
    const second = await started(platformOf(device, []), file);
    await second.idle(); // the restore's state is saved before its commands arm the timer
    expect(device.ui.toasts()).not.toContain(id);
    await vi.advanceTimersByTimeAsync(0);
    await second.idle();
    expect(second.operations()).toContainEqual(expect.objectContaining({ id, state: 'toastShown' }));
    expect(device.ui.toasts()).toContain(id);
  });

  it('type-checks with the project\'s compiler options', () => {
    const configPath = join(REPOSITORY_ROOT, 'tsconfig.json');
    const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, REPOSITORY_ROOT);
    const example = join(REPOSITORY_ROOT, MINIMAL_HOST_SOURCE);
    const program = ts.createProgram([example], parsed.options);
    const problems = ts
      .getPreEmitDiagnostics(program, program.getSourceFile(example))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  }, 60_000);
});
