import { describe, expect, it } from 'vitest';
import { FLOWS } from '../../src/cli/flows';
import { runCli, stepLines } from './runCli';

describe('mobile-plans simulate', () => {
  it('shows the toast of a delayed download with a 5-minute delay at +00:15:00, not earlier', async () => {
    const { code, stdout } = await runCli('simulate', 'delayed', '--delay', '5');
    expect(code).toBe(0);
    const lines = stepLines(stdout);
    const toasts = lines.filter((l) => l.text === 'ui.toast op-1');
    expect(toasts).toEqual([{ time: '+00:15:00', text: 'ui.toast op-1' }]);
    const downloads = lines.filter((l) => l.text.startsWith('lpa.download'));
    expect(downloads.map((l) => l.time)).toEqual(['+00:15:00']);
    expect(lines.find((l) => l.text.includes('scheduled → toastShown'))?.time).toBe('+00:15:00');
    expect(stdout).toMatch(/result: op-1 delayedDownload ended in connected/);
  });

  it('cancels a delayed download at minute 14, inside the window, and no download ever starts', async () => {
    const { code, stdout } = await runCli('simulate', 'delayed', '--delay', '5', '--cancel-at', '14');
    expect(code).toBe(0);
    const lines = stepLines(stdout);
    expect(lines).toContainEqual({ time: '+00:14:00', text: '[op-1 scheduled → cancelled]  portal.cancel op-1 → cancelled' });
    expect(stdout).not.toContain('lpa.download');
    expect(stdout).not.toContain('ui.toast');
    expect(stdout).toMatch(/report delayedDownload outcome=cancelled/);
    expect(stdout).toMatch(/ended in cancelled \(outcome cancelled\)/);
  });

  it('refuses a cancel after the toast and the download goes ahead', async () => {
    const { code, stdout } = await runCli('simulate', 'delayed', '--delay', '15', '--cancel-at', '16');
    expect(code).toBe(0);
    expect(stdout).toContain('portal.cancel op-1 → not cancelled (outside the cancel window)');
    expect(stepLines(stdout).find((l) => l.text.startsWith('lpa.download'))?.time).toBe('+00:15:00');
    expect(stdout).toMatch(/ended in connected/);
  });

  it('prints the activation callback with serverNotReachable and exits 0 with outcome failed', async () => {
    const { code, stdout, stderr } = await runCli('simulate', 'inline', '--outcome', 'serverNotReachable');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('callback profileActivationComplete {"activationResult":"serverNotReachable"');
    expect(stdout).toMatch(/result: op-1 inlineDownload ended in failed \(outcome failed, activationResult serverNotReachable\)/);
  });

  it('keeps the toast at its original time across a host restart while scheduled', async () => {
    const { code, stdout } = await runCli('simulate', 'delayed', '--delay', '15', '--restart-at', '10');
    expect(code).toBe(0);
    const lines = stepLines(stdout);
    const restore = lines.findIndex((l) => l.time === '+00:10:00' && l.text.includes('restore'));
    expect(restore).toBeGreaterThan(-1);
    expect(lines[restore + 2]).toEqual({ time: '+00:10:00', text: 'scheduler.set op-1 at +00:15:00' });
    expect(lines.find((l) => l.text === 'ui.toast op-1')?.time).toBe('+00:15:00');
    expect(stdout).toMatch(/ended in connected/);
  });

  it('joins the download in flight after a host restart instead of installing a second profile', async () => {
    const { code, stdout } = await runCli('simulate', 'inline', '--restart-at', '0');
    expect(code).toBe(0);
    const downloads = stepLines(stdout).filter((l) => l.text.startsWith('lpa.download'));
    expect(downloads.map((l) => l.time)).toEqual(['+00:00:00', '+00:00:00']);
    expect(stdout.match(/lpa\.downloaded op-1/g)).toHaveLength(1);
    expect(stdout).toMatch(/result: op-1 inlineDownload ended in connected \(outcome connected/);
  });

  it('ends a download whose registration is denied in notConnected, telling the portal', async () => {
    const { code, stdout } = await runCli('simulate', 'inline', '--registration', 'denied');
    expect(code).toBe(0);
    expect(stdout).toContain('callback registrationChanged {"networkRegistrationState":"denied"');
    expect(stdout).toMatch(/ended in notConnected/);
  });

  it('waits the rounded interval before registering in asynchronous connectivity', async () => {
    const { stdout } = await runCli('simulate', 'async', '--interval', '20');
    const register = stepLines(stdout).find((l) => l.text.startsWith('modem.register'));
    expect(register?.time).toBe('+00:30:20'); // downloaded at +00:00:20, then round(20) = 30 minutes
  });

  it.each(FLOWS.flatMap((flow) => [flow.name, ...flow.aliases].map((name) => [name, flow.name] as const)))(
    'runs %s (%s) to a final state without printing the matching ID',
    async (name, flowName) => {
      const { code, stdout } = await runCli('simulate', name);
      expect(code).toBe(0);
      expect(stdout).toContain(`result: op-1 ${flowName} ended in`);
      expect(stdout).not.toContain('CLI-MATCHING-ID');
    },
  );

  it('prints JSON lines with --json: a scenario line, one line per step, then the result', async () => {
    const { code, stdout } = await runCli('simulate', 'delayed', '--delay', '5', '--json');
    expect(code).toBe(0);
    const records = stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; at?: string; commands?: Array<{ type: string }> });
    expect(records[0]?.type).toBe('scenario');
    expect(records.at(-1)).toMatchObject({ type: 'result', flow: 'delayedDownload', final: true, outcome: 'connected' });
    const toastStep = records.find((r) => r.commands?.some((c) => c.type === 'ui.toast'));
    expect(toastStep?.at).toBe('+00:15:00');
    expect(stdout).not.toContain('CLI-MATCHING-ID');
  });
});

describe('mobile-plans simulate with bad arguments', () => {
  it('refuses an unknown flow and lists the valid ones', async () => {
    const { code, stdout, stderr } = await runCli('simulate', 'teleport');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown flow "teleport"');
    for (const flow of FLOWS) expect(stderr).toContain(flow.name);
  });

  it('refuses an unknown activation error and lists the valid ones', async () => {
    const { code, stderr } = await runCli('simulate', 'inline', '--outcome', 'serverOnFire');
    expect(code).toBe(2);
    expect(stderr).toContain('unknown activation error "serverOnFire"');
    expect(stderr).toContain('serverNotReachable');
    expect(stderr).toContain('invalidIccid');
  });

  it('refuses a negative delay', async () => {
    const { code, stderr } = await runCli('simulate', 'delayed', '--delay', '-5');
    expect(code).toBe(2);
    expect(stderr).toContain('minutes cannot be negative');
  });

  it('refuses a fractional delay (a cancel time may be fractional: simulateTimes.test.ts)', async () => {
    const { code, stderr } = await runCli('simulate', 'delayed', '--delay', '1.5');
    expect(code).toBe(2);
    expect(stderr).toContain('"1.5" is not a whole number of minutes');
  });

  it('refuses a delay for a flow that has none', async () => {
    const { code, stderr } = await runCli('simulate', 'inline', '--delay', '5');
    expect(code).toBe(2);
    expect(stderr).toContain('inlineDownload takes no delay');
  });

  it('refuses --outcome for a flow that makes no LPA call', async () => {
    const { code, stderr } = await runCli('simulate', 'cancel', '--outcome', 'cardBusy');
    expect(code).toBe(2);
    expect(stderr).toContain('cancelledPurchase makes no LPA call');
  });

  it('refuses an unknown registration and lists the choices', async () => {
    const { code, stderr } = await runCli('simulate', 'inline', '--registration', 'satellite');
    expect(code).toBe(2);
    expect(stderr).toContain('home, roaming, partner, denied, none');
  });

  it('refuses a missing flow', async () => {
    const { code, stderr } = await runCli('simulate');
    expect(code).toBe(2);
    expect(stderr).toContain("missing required argument 'flow'");
  });

  it('prints help with examples and exits 0', async () => {
    const { code, stdout } = await runCli('simulate', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: mobile-plans simulate [options] <flow>');
    expect(stdout).toContain('$ mobile-plans simulate delayed --delay 5');
  });
});
