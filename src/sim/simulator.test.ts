import { describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorOptions } from './simulator';

type Page = Record<string, any>;

const md = { userAccount: 'New', purchaseInstrument: 'New', lineType: 'New', moDirectStatus: 'Complete', planName: '2GB' };

function start(options: SimulatorOptions = {}) {
  const page: Page = {};
  const printed: Array<['warn' | 'error', string]> = [];
  const sim = startSimulator({
    global: page,
    origin: 'https://portal.example.com/buy',
    allowedHosts: ['portal.example.com'],
    console: { warn: (line) => printed.push(['warn', line]), error: (line) => printed.push(['error', line]) },
    ...options,
  });
  const heard: string[] = [];
  page['MobilePlansInlineOperations'].profileActivationCompleteScript = (args: string) => heard.push(JSON.parse(args).activationResult);
  page['MobilePlansInlineOperations'].registrationChangedScript = (args: string) => heard.push(JSON.parse(args).networkRegistrationState);
  const ops = page['MobilePlansInlineOperations'];
  return { sim, page, ops, printed, heard };
}

describe('startSimulator', () => {
  it('starts synchronously: the page can hand off at once, and advance() runs virtual time', async () => {
    const { sim, ops, heard } = start();
    expect(ops.notifyProfileDownload(md, '1$smdp.example.com$SIM-1')).toEqual({ id: 'op-1' });
    await sim.advance(0.05);
    expect(heard).toEqual(['success', 'searching', 'home']);
    expect(sim.operations()).toEqual([{ id: 'op-1', flow: 'inlineDownload', state: 'connected', live: false, outcome: 'connected' }]);
    expect(sim.reports()).toHaveLength(1);
  });

  it('refuses to move time backwards', async () => {
    const { sim } = start();
    await expect(sim.advance(-1)).rejects.toThrow(/non-negative/);
  });

  it('accepts and dismisses the newest toast by default, and starts a dismissed download from the app', async () => {
    const { sim, ops } = start();
    ops.notifyProfileDownload(md, '1$smdp.example.com$A', 15);
    ops.notifyProfileDownload(md, '1$smdp.example.com$B', 15);
    expect(() => sim.acceptToast()).toThrow('[MobilePlansSim] no toast is shown');
    await sim.advance(15);
    expect(sim.device.ui.toasts()).toEqual(['op-1', 'op-2']);
    sim.dismissToast();
    expect(sim.operations().find((op) => op.id === 'op-2')?.state).toBe('awaitingUser');
    sim.acceptToast();
    await sim.advance(1);
    sim.startDownload('op-2');
    await sim.advance(1);
    expect(sim.operations().map((op) => [op.id, op.outcome])).toEqual([
      ['op-1', 'connected'],
      ['op-2', 'connected'],
    ]);
  });

  it('answers the newest confirmation-code prompt', async () => {
    const { sim, ops, heard } = start();
    ops.notifyProfileDownload(md, '1$smdp.example.com$CC-1$$1');
    expect(sim.operations()[0]?.state).toBe('confirmationCode');
    sim.confirmationCode('1234');
    await sim.advance(1);
    expect(heard[0]).toBe('success');
  });

  it('passes scripted outcomes and registrations through to the device', async () => {
    const { sim, ops, heard } = start();
    sim.setOutcome('download', 'serverNotReachable');
    ops.notifyProfileDownload(md, '1$smdp.example.com$FAIL');
    sim.setRegistration('denied');
    ops.notifyProfileDownload(md, '1$smdp.example.com$DENIED');
    await sim.advance(1);
    expect(heard).toEqual(['serverNotReachable', 'success', 'searching', 'denied']);
    expect(sim.operations().map((op) => op.outcome)).toEqual(['failed', 'notConnected']);
  });

  it('records every portal call, command, callback and diagnostic in a redacted trace with virtual times', async () => {
    const { sim, ops, page } = start();
    ops.notifyProfileDownload(md, '1$smdp.example.com$SECRET-MATCHING-ID');
    page['MobilePlans'].notifyCancelledPurchase({ moDirectStatus: 'ServiceError', planName: 'oops' });
    await sim.advance(1);
    const trace = sim.trace();
    expect(JSON.stringify(trace)).not.toContain('SECRET-MATCHING-ID');
    const summaries = trace.map((entry) => `${entry.kind} ${entry.summary}`);
    expect(summaries[0]).toBe('user portal calls MobilePlansInlineOperations.notifyProfileDownload');
    expect(summaries).toContain('command lpa.download 1$smdp.example.com$***');
    expect(summaries).toContain('callback profileActivationComplete {"activationResult":"success","iccid":"89882470000000000014"}');
    expect(summaries).toContainEqual(expect.stringMatching(/^diagnostic error planNameMustBeEmpty/));
    const times = trace.map((entry) => entry.at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times[times.length - 1]! - times[0]!).toBe(3000);
  });

  it('prints each diagnostic with the [MobilePlansSim] prefix and what to fix: errors as errors, warnings as warnings', () => {
    const { page, printed } = start();
    page['MobilePlans'].notifyCancelledPurchase({ moDirectStatus: 'ServiceError', planName: 'oops' }, 'extra');
    expect(printed).toEqual([
      ['warn', expect.stringMatching(/^\[MobilePlansSim\] MobilePlans\.notifyCancelledPurchase: .*the 1 extra are ignored/)],
      ['error', '[MobilePlansSim] MobilePlans.notifyCancelledPurchase (op-1): planName must be empty when moDirectStatus is ServiceError [planNameMustBeEmpty]'],
    ]);
  });

  it('prints nothing with console: false, yet still tells onDiagnostic', () => {
    const notices: string[] = [];
    const { page, printed } = start({ console: false, onDiagnostic: (n) => notices.push(n.diagnostic.code) });
    page['MobilePlans'].notifyCancelledPurchase(null);
    expect(printed).toEqual([]);
    expect(notices).toEqual(['metadataNotObject']);
  });

  it('restart() brings a new host up from the stored document: a scheduled download still comes at its time', async () => {
    const { sim, ops, heard } = start();
    ops.notifyProfileDownload(md, '1$smdp.example.com$LATER', 15);
    await sim.advance(5);
    const before = sim.host;
    const restarting = sim.restart();
    expect(ops.notifyProfileDownload(md, '1$smdp.example.com$DURING')).toBeNull();
    await restarting;
    expect(sim.host).not.toBe(before);
    expect(sim.operations()).toEqual([expect.objectContaining({ id: 'op-1', state: 'scheduled', live: true })]);
    await sim.advance(10);
    sim.acceptToast();
    await sim.advance(1);
    expect(heard).toEqual(['success', 'searching', 'home']);
    expect(sim.operations()[0]?.outcome).toBe('connected');
  });

  it('stop() removes the portal objects and stops the host', () => {
    const { sim, page, ops } = start();
    sim.stop();
    expect(page['MobilePlans']).toBeUndefined();
    expect(ops.notifyProfileDownload(md, '1$smdp.example.com$X')).toBeNull();
    expect(sim.operations()).toEqual([]);
  });

  it("reads the page's own address by default and allows localhost for development", () => {
    const local: Page = { location: { href: 'http://localhost:5173/portal.html' } };
    startSimulator({ global: local, console: false });
    expect(local['MobilePlans'].notifyCancelledPurchase(md)).toEqual({ id: 'op-1' });
    const strict: Page = { location: { href: 'http://localhost:5173/portal.html' } };
    startSimulator({ global: strict, console: false, allowLocalhost: false });
    expect(() => strict['MobilePlans'].notifyCancelledPurchase(md)).toThrow(expect.objectContaining({ name: 'MobilePlansSecurityError' }));
  });

  it('launches the portal with the transaction id given, which every report carries', () => {
    const { sim, page } = start({ transactionId: 'txn-7' });
    page['DataMart'].notifyBalanceAddition(md);
    expect(sim.reports()[0]?.transactionId).toBe('txn-7');
  });
});
