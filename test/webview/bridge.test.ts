import { afterEach, describe, expect, it } from 'vitest';
import { openWebViewPage, type WebViewPage } from './webViewPage';

const INLINE = `
  var md = MobilePlans.createPurchaseMetaData();
  md.userAccount = MobilePlansUserAccount.new; md.purchaseInstrument = MobilePlansPurchaseInstrument.new;
  md.lineType = MobilePlansLineType.new; md.moDirectStatus = MobilePlansMoDirectStatus.complete; md.planName = "My Plan";
  function onDone(args) { Log('done ' + args); }
  function onReg(args) { Log('reg ' + args); }
  MobilePlansInlineOperations.profileActivationCompleteScript = "onDone";
  MobilePlansInlineOperations.registrationChangedScript = "onReg";
`;

let page: WebViewPage | undefined;
afterEach(() => page?.close());

describe('the page script and the endpoint, across an asynchronous transport', () => {
  it('an inline download returns its operation context at once; both callbacks arrive in the page', async () => {
    page = await openWebViewPage();
    const op = page.run(`${INLINE}; MobilePlansInlineOperations.notifyProfileDownload(md, "1$smdp.example.com$MATCH-INLINE-1")`) as { id: string };
    expect(op.id).toMatch(/^wv-/);
    await page.settle();
    await page.ref.advance(1);
    await page.settle();
    expect(page.ref.host.operations()).toEqual([expect.objectContaining({ id: op.id, flow: 'inlineDownload', outcome: 'connected' })]);
    expect(page.log).toEqual(page.ref.callbacks().map((c) => `${c.script === 'profileActivationComplete' ? 'done' : 'reg'} ${c.args}`));
    expect(page.log.length).toBeGreaterThanOrEqual(2);
  });
});
