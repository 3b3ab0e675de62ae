import { describe, expect, it } from 'vitest';
import type { CallbackScript, Report } from '../../core/commands';
import { createHost, type Host } from '../../host/host';
import { createSimulatedDevice, type SimulatedDevice, type SimulatedDeviceOptions } from './device';

const ENTRY_POINT = 'MobilePlansInlineOperations.notifyProfileDownload';
const METADATA = { moDirectStatus: 'Complete', planName: 'Unlimited 5G' };
const CODE = '1$smdp.example.com$MATCH-1';
const MINUTE = 60_000;

interface World {
  device: SimulatedDevice;
  host: Host;
  callbacks: Array<{ operationId: string; script: CallbackScript; args: unknown }>;
  reports: Report[];
  start: number;
}

async function world(options: SimulatedDeviceOptions = {}): Promise<World> {
  const callbacks: World['callbacks'] = [];
  const reports: Report[] = [];
  const device = createSimulatedDevice({
    ...options,
    onCallback: (operationId, script, args) => callbacks.push({ operationId, script, args: JSON.parse(args) }),
    onReport: (report) => reports.push(report),
  });
  const host = createHost({ effects: device.effects });
  device.attach(host);
  await host.start();
  return { device, host, callbacks, reports, start: device.clock.now() };
}

function download(host: Host, activationCode = CODE, downloadDelay?: number): string {
  const reply = host.call({ kind: 'profileDownload', entryPoint: ENTRY_POINT, metadata: METADATA, activationCode, ...(downloadDelay === undefined ? {} : { downloadDelay }) });
  if (reply.type !== 'operation') throw new Error(`hand-off refused: ${JSON.stringify(reply)}`);
  return reply.operationId;
}

describe('simulated device driving a real host', () => {
  it('runs an inline download end to end: activation callback, registration callbacks, connected report', async () => {
    const { device, host, callbacks, reports, start } = await world();
    const op = download(host);
    const iccid = device.euicc.installedFrom(CODE);
    expect(iccid).not.toBeNull();
    expect(device.euicc.profileState(iccid!)).toBe('enabled');
    expect(callbacks).toEqual([{ operationId: op, script: 'profileActivationComplete', args: { activationResult: 'success', iccid } }]);
    expect(device.ui.view().progress[op]).toEqual({ stage: 'registering', percent: null });

    device.clock.advance(3000);

    expect(callbacks.slice(1)).toEqual([
      { operationId: op, script: 'registrationChanged', args: { networkRegistrationState: 'searching', iccid } },
      { operationId: op, script: 'registrationChanged', args: { networkRegistrationState: 'home', iccid } },
    ]);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ operationId: op, flow: 'inlineDownload', outcome: 'connected', activationResult: 'success', iccid, registrationState: 'home', activationCode: '1$smdp.example.com$***', startedAt: start, endedAt: start + 3000 });
    expect(host.operations()).toEqual([{ id: op, flow: 'inlineDownload', state: 'connected', live: false, outcome: 'connected' }]);
    expect(device.ui.view().progress).toEqual({});
    expect(device.clock.pending()).toEqual([]);
    expect(device.trace.entries('callback')).toHaveLength(3);
    expect(device.trace.entries('report')).toHaveLength(1);
    expect(JSON.stringify(device.trace)).not.toContain('MATCH-1');
  });

  it('shows download progress of a slow download at its virtual times, then connects', async () => {
    const { device, host, reports, start } = await world();
    device.lpa.setOutcome('download', { slow: { durationMs: 8000, progressSteps: 4 } });
    const op = download(host);
    await device.clock.advanceAsync(4000);
    expect(device.ui.view().progress[op]).toEqual({ stage: 'downloading', percent: 50 });
    await device.clock.advanceAsync(10_000);
    const progress = device.trace.entries('command').filter((e) => e.summary.startsWith('ui.progress downloading ')).map((e) => [e.at - start, e.summary]);
    expect(progress).toEqual([
      [2000, 'ui.progress downloading 25%'],
      [4000, 'ui.progress downloading 50%'],
      [6000, 'ui.progress downloading 75%'],
      [8000, 'ui.progress downloading 100%'],
    ]);
    expect(reports[0]).toMatchObject({ outcome: 'connected', endedAt: start + 8000 + 3000 });
  });

  it('fails the operation with the LPA error the portal hears in profileActivationComplete', async () => {
    const { device, host, callbacks, reports } = await world();
    device.lpa.setOutcome('download', 'serverNotReachable');
    const op = download(host);
    expect(callbacks).toEqual([{ operationId: op, script: 'profileActivationComplete', args: { activationResult: 'serverNotReachable', iccid: '' } }]);
    expect(reports[0]).toMatchObject({ outcome: 'failed', activationResult: 'serverNotReachable' });
    expect(device.euicc.profiles()).toEqual([]);
    expect(device.trace.entries('device').map((e) => e.summary)).toContain('download failed: serverNotReachable');
  });

  it('ends notConnected when the modem never registers and the host times out', async () => {
    const { device, host, reports, start } = await world({ registration: 'none' });
    download(host);
    device.clock.advance(5 * MINUTE - 1);
    expect(reports).toEqual([]);
    device.clock.advance(1);
    expect(reports[0]).toMatchObject({ outcome: 'notConnected', endedAt: start + 5 * MINUTE });
  });

  it('ends notConnected when the network denies registration', async () => {
    const { device, host, reports, callbacks } = await world();
    device.modem.setRegistration('denied');
    download(host);
    device.clock.advance(3000);
    expect(callbacks.at(-1)?.args).toMatchObject({ networkRegistrationState: 'denied' });
    expect(reports[0]).toMatchObject({ outcome: 'notConnected', registrationState: 'denied' });
  });

  it('prompts for a confirmation code and retries with what the user enters', async () => {
    const { device, host, reports } = await world();
    const flagged = '1$smdp.example.com$MATCH-7$$1';
    device.lpa.requireConfirmationCode(flagged, '1234');
    const op = download(host, flagged);
    expect(device.ui.prompt(op)).toBe(1);
    device.user.confirmationCode(op, '0000');
    expect(device.ui.prompt(op)).toBe(2);
    device.user.confirmationCode(op, '1234');
    expect(device.ui.prompt(op)).toBeNull();
    device.clock.advance(3000);
    expect(reports[0]).toMatchObject({ outcome: 'connected' });
    const json = JSON.stringify(device.trace);
    expect(json).not.toContain('MATCH-7');
    expect(json).not.toContain('1234"');
  });

  it('shows the toast of a delayed download when it is due and downloads once the user accepts it', async () => {
    const { device, host, reports, start } = await world();
    const op = download(host, CODE, 15);
    expect(device.ui.view().scheduled[op]).toBe(start + 15 * MINUTE);
    device.clock.advance(15 * MINUTE);
    expect(device.ui.toasts()).toEqual([op]);
    device.user.acceptToast();
    expect(device.ui.toasts()).toEqual([]);
    device.clock.advance(3000);
    expect(reports[0]).toMatchObject({ flow: 'delayedDownload', outcome: 'connected' });
    expect(device.trace.entries('user').map((e) => e.summary)).toEqual(['accepts the toast']);
  });

  it('survives a host restart in the middle of a slow download without installing twice', async () => {
    const first = await world();
    const { device } = first;
    device.lpa.setOutcome('download', { slow: { durationMs: 10_000 } });
    const op = download(first.host);
    await device.clock.advanceAsync(5000);
    first.host.stop();

    const host = createHost({ effects: device.effects });
    device.attach(host);
    await host.start();
    await device.clock.advanceAsync(10_000);
    await host.idle();

    expect(device.euicc.profiles()).toHaveLength(1);
    expect(first.reports).toEqual([expect.objectContaining({ operationId: op, outcome: 'connected', endedAt: first.start + 10_000 + 3000 })]);
    expect(host.operations()).toEqual([expect.objectContaining({ id: op, outcome: 'connected' })]);
    expect(device.trace.entries('device').map((e) => e.summary)).toContain('joins the download of this activation code already running');
    expect(JSON.stringify(device.trace)).not.toContain('MATCH-1');
  });

  it('answers an idempotent re-download after a restart at once with the installed profile', async () => {
    const { device, host } = await world({ registration: 'none' });
    download(host);
    host.stop();
    const again = createHost({ effects: device.effects });
    device.attach(again);
    await again.start();
    expect(device.euicc.profiles()).toHaveLength(1);
    expect(again.operations()[0]).toMatchObject({ live: true, state: 'registering' });
  });

  it('keeps time, storage and screen deterministic: two runs give the same trace', async () => {
    const run = async () => {
      const { device, host } = await world();
      device.lpa.setOutcome('download', { slow: { durationMs: 3000, progressSteps: 3 } });
      download(host);
      download(host, '1$smdp.example.com$MATCH-2', 15);
      await device.clock.advanceAsync(20 * MINUTE);
      return device.trace.format();
    };
    const [a, b] = [await run(), await run()];
    expect(a).toBe(b);
    expect(a.split('\n').length).toBeGreaterThan(10);
  });

  it('refuses user actions before a host is attached', () => {
    const device = createSimulatedDevice();
    expect(() => device.user.startDownload('op-1')).toThrow(/attach a host/);
    expect(() => device.user.acceptToast()).toThrow(/no toast/);
  });
});
