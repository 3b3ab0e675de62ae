import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/sim';

type Page = Record<string, any>;

describe('issue 15 item 6: legacy payloads whose facts disagree', () => {
  it('diagnoses success: true with an unsuccessful moDirectStatus, and still follows success', async () => {
    const page: Page = {};
    const sim = startSimulator({ global: page, origin: 'https://portal.example.com/buy', allowedHosts: ['portal.example.com'], console: false, transactionId: 'tx-1' });
    const purchaseResult = JSON.stringify({ userAccount: 'New', purchaseInstrument: 'New', line: 'New', moDirectStatus: 'ServiceError', planName: '' });
    page['DataMart'].notifyPurchaseResult(JSON.stringify({ ver: '1', success: true, purchaseResult, transactionId: 'tx-1', activationCode: '1$smdp.example.com$LEG-1' }));
    await sim.advance(1);
    const report = sim.reports()[0]!;
    expect(report.flow).toBe('legacyResult');
    expect(report.diagnostics.map((d) => d.code)).toContain('inconsistentPurchaseResult');
    expect(report.diagnostics.find((d) => d.code === 'inconsistentPurchaseResult')?.message).toMatch(/moDirectStatus is ServiceError/);
  });

  it('says nothing when a success is Complete', async () => {
    const page: Page = {};
    const sim = startSimulator({ global: page, origin: 'https://portal.example.com/buy', allowedHosts: ['portal.example.com'], console: false, transactionId: 'tx-1' });
    const purchaseResult = JSON.stringify({ userAccount: 'New', purchaseInstrument: 'New', line: 'New', moDirectStatus: 'Complete', planName: '2GB' });
    page['DataMart'].notifyPurchaseResult(JSON.stringify({ ver: '1', success: true, purchaseResult, transactionId: 'tx-1', activationCode: '1$smdp.example.com$LEG-2' }));
    await sim.advance(1);
    expect(sim.reports()[0]!.diagnostics.map((d) => d.code)).not.toContain('inconsistentPurchaseResult');
  });

  it('diagnoses a payload ICCID that differs from the downloaded profile\u2019s, and reports the downloaded one', async () => {
    const page: Page = {};
    const sim = startSimulator({ global: page, origin: 'https://portal.example.com/buy', allowedHosts: ['portal.example.com'], console: false, transactionId: 'tx-1' });
    const purchaseResult = JSON.stringify({ userAccount: 'New', purchaseInstrument: 'New', line: 'New', moDirectStatus: 'Complete', planName: '2GB' });
    const named = '8988247000000000999' + '0';
    page['DataMart'].notifyPurchaseResult(JSON.stringify({ ver: '1', success: true, purchaseResult, transactionId: 'tx-1', activationCode: '1$smdp.example.com$LEG-3', iccid: named }));
    await sim.advance(1);
    const report = sim.reports()[0]!;
    expect(report.outcome).toBe('connected');
    const installed = sim.device.euicc.profiles()[0]!.iccid;
    expect(report.iccid).toBe(installed);
    const mismatch = report.diagnostics.filter((d) => d.code === 'iccidMismatch');
    expect(mismatch).toMatchObject([{ severity: 'warning', field: 'iccid' }]);
    expect(mismatch[0]!.message).toContain(named);
    expect(mismatch[0]!.message).toContain(installed);
  });

  it('says nothing when the payload names the ICCID the code installs (in any case), or none', async () => {
    for (const iccid of [(n: string) => n.toLowerCase(), () => '']) {
      const page: Page = {};
      const sim = startSimulator({ global: page, origin: 'https://portal.example.com/buy', allowedHosts: ['portal.example.com'], console: false, transactionId: 'tx-1' });
      const purchaseResult = JSON.stringify({ userAccount: 'New', purchaseInstrument: 'New', line: 'New', moDirectStatus: 'Complete', planName: '2GB' });
      // The simulated eUICC's first profile gets simulatedIccid(1).
      page['DataMart'].notifyPurchaseResult(JSON.stringify({ ver: '1', success: true, purchaseResult, transactionId: 'tx-1', activationCode: '1$smdp.example.com$LEG-4', iccid: iccid('89882470000000000014') }));
      await sim.advance(1);
      expect(sim.reports()[0]!.iccid).toBe('89882470000000000014');
      expect(sim.reports()[0]!.diagnostics.map((d) => d.code)).not.toContain('iccidMismatch');
    }
  });
});
