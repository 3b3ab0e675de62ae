import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/sim';

type Page = Record<string, any>;
const md = { userAccount: 'New', purchaseInstrument: 'New', lineType: 'New', moDirectStatus: 'Complete', planName: '2GB' };

function start() {
  const page: Page = {};
  const printed: string[] = [];
  const sim = startSimulator({
    global: page,
    origin: 'https://portal.example.com/buy',
    allowedHosts: ['portal.example.com'],
    console: { warn: (line) => printed.push(line), error: (line) => printed.push(line) },
  });
  const heard: string[] = [];
  page['MobilePlansInlineOperations'].profileActivationCompleteScript = (args: string) => heard.push(JSON.parse(args).activationResult);
  return { sim, page, printed, heard };
}

describe('issue 15: spellings the spec uses', () => {
  it('accepts $0 as the confirmation-code flag: not required, the download goes ahead (item 5)', async () => {
    const { sim, page, heard } = start();
    expect(page['MobilePlansInlineOperations'].notifyProfileDownload(md, '1$smdp.example.com$MID-0$1.2.3$0')).toEqual({ id: 'op-1' });
    expect(sim.operations()[0]?.state).not.toBe('confirmationCode');
    await sim.advance(1);
    expect(heard[0]).toBe('success');
  });

  it('still refuses a flag that is neither 1 nor 0', async () => {
    const { sim, page, heard } = start();
    page['MobilePlansInlineOperations'].notifyProfileDownload(md, '1$smdp.example.com$MID-2$1.2.3$2');
    await sim.advance(1);
    expect(heard[0]).toBe('invalidActivationCode');
  });

  it('accepts DataMart.NotifyPurchaseWithProfileDownload as an alias, naming the documented spelling (item 10)', async () => {
    const { sim, page, printed } = start();
    expect(page['DataMart'].NotifyPurchaseWithProfileDownload(md, '1$smdp.example.com$MID-A', 15)).toEqual({ id: 'op-1' });
    expect(sim.operations()[0]?.flow).toBe('asyncConnectivity');
    expect(printed.join('\n')).toMatch(/NotifyPurchaseWithProfileDownload.*DataMart\.notifyPurchaseWithProfileDownload/);
  });
});
