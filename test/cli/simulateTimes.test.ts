import { describe, expect, it } from 'vitest';
import { runCli, stepLines } from './runCli';

describe('mobile-plans simulate: times and the flow it names (issue 15 item 9)', () => {
  it('cancels at 14:59, one second before the toast of a 5-minute delay', async () => {
    const { code, stdout } = await runCli('simulate', 'delayed', '--delay', '5', '--cancel-at', '14:59');
    expect(code).toBe(0);
    expect(stepLines(stdout)).toContainEqual({ time: '+00:14:59', text: '[op-1 scheduled → cancelled]  portal.cancel op-1 → cancelled' });
    expect(stdout).not.toContain('ui.toast');
  });

  it('takes fractions of a minute', async () => {
    const { code, stdout } = await runCli('simulate', 'delayed', '--delay', '5', '--cancel-at', '14.5');
    expect(code).toBe(0);
    expect(stepLines(stdout).some((l) => l.time === '+00:14:30' && l.text.includes('portal.cancel op-1 → cancelled'))).toBe(true);
  });

  it('refuses a malformed time with a usage error', async () => {
    const { code, stderr } = await runCli('simulate', 'delayed', '--cancel-at', '14:75');
    expect(code).toBe(2);
    expect(stderr).toMatch(/14:59 for minutes:seconds/);
  });

  it('names the flow the core ran: delayed --delay 0 is an inline download', async () => {
    const { code, stdout } = await runCli('simulate', 'delayed', '--delay', '0');
    expect(code).toBe(0);
    expect(stdout).toMatch(/report inlineDownload /);
    expect(stdout).toMatch(/result: op-1 inlineDownload ended in/);
    expect(stdout).not.toMatch(/result: op-1 delayedDownload/);
  });
});

describe('mobile-plans simulate: the portal launch (issue 15 item 2)', () => {
  it('opens the portal through portalLaunch, with the EID, market, location and transaction id on its URL', async () => {
    const { code, stdout } = await runCli('simulate', 'inline');
    expect(code).toBe(0);
    const url = /opens the operator portal at (\S+)\)/.exec(stdout)?.[1];
    expect(url).toBeDefined();
    const params = new URL(url!).searchParams;
    expect(params.get('eid')).toMatch(/^[0-9]{32}$/);
    expect([params.get('market'), params.get('location')]).toEqual(['US', 'US']);
    expect(params.get('transactionId')).not.toBeNull();
    // The simulated device's physical SIM; its eUICC holds no profile yet, so no iccids.
    expect(params.get('iccid')).toBe('89012600000000000011');
    expect(params.get('iccids')).toBeNull();
  });
});
