import { afterEach, describe, expect, it } from 'vitest';
import { DORMANT_ICCID } from '../portal/page';
import { openWebViewPage, type WebViewPage, type WebViewPageOptions } from './webViewPage';

const METADATA = `
  var md = MobilePlans.createPurchaseMetaData();
  md.userAccount = MobilePlansUserAccount.new; md.purchaseInstrument = MobilePlansPurchaseInstrument.new;
  md.lineType = MobilePlansLineType.new; md.moDirectStatus = MobilePlansMoDirectStatus.complete; md.planName = "My Plan";
  function onDone(args) { Log('done ' + args); }
  function onReg(args) { Log('reg ' + args); }
  MobilePlansInlineOperations.profileActivationCompleteScript = "onDone";
  MobilePlansInlineOperations.registrationChangedScript = "onReg";
`;
const CODE = '1$smdp.example.com$MATCH-WEBVIEW-1';

let page: WebViewPage | undefined;
afterEach(() => page?.close());

async function open(options: WebViewPageOptions = {}): Promise<WebViewPage> {
  page = await openWebViewPage({ device: { profiles: [{ iccid: DORMANT_ICCID }] }, ...options });
  page.run(METADATA);
  return page;
}

/** What the page's Log(...) should show for the callbacks the host sent. */
const logged = (p: WebViewPage): string[] => p.ref.callbacks().map((c) => `${c.script === 'profileActivationComplete' ? 'done' : 'reg'} ${c.args}`);
const downloads = (p: WebViewPage): number => p.ref.device.trace.entries().filter((e) => e.kind === 'command' && e.summary.startsWith('lpa.download')).length;
const refusals = (p: WebViewPage): string[] => p.ref.diagnostics().filter((n) => n.diagnostic.code === 'callRefused').map((n) => n.diagnostic.message);
const message = (fields: Record<string, unknown>): string => JSON.stringify({ mobilePlans: 1, origin: 'https://portal.example.com', ...fields });
const call = (id: string, extra: Record<string, unknown> = {}): string =>
  message({ type: 'call', id, call: { kind: 'cancelledPurchase', entryPoint: 'MobilePlans.notifyCancelledPurchase', metadata: {} }, ...extra });
const ID = 'wv-00000000-0000-4000-8000-000000000001';

describe('the page script and the endpoint, across an asynchronous transport', () => {
  it('an inline download returns its operation context at once; both callbacks arrive in the page', async () => {
    const p = await open();
    const op = p.run(`MobilePlansInlineOperations.notifyProfileDownload(md, "${CODE}")`) as { id: string };
    expect(op.id).toMatch(/^wv-[0-9a-f-]{36}$/);
    expect(Object.isFrozen(op)).toBe(true);
    await p.settle();
    await p.ref.advance(1);
    await p.settle();
    expect(p.ref.host.operations()).toEqual([expect.objectContaining({ id: op.id, flow: 'inlineDownload', outcome: 'connected' })]);
    expect(p.log).toEqual(logged(p));
    expect(p.log.length).toBeGreaterThanOrEqual(2);
  });

  it('a delayed download cancelled at once, inside its window, is cancelled and downloads nothing', async () => {
    const p = await open();
    p.run(`var op = MobilePlansInlineOperations.notifyProfileDownload(md, "${CODE}", 15); var sent = MobilePlansInlineOperations.notifyOperationCancel(op);`);
    expect(p.run('sent')).toBe(true);
    await p.settle();
    await p.ref.advance(60);
    await p.settle();
    expect(p.ref.host.operations()).toEqual([expect.objectContaining({ flow: 'delayedDownload', outcome: 'cancelled' })]);
    expect(downloads(p)).toBe(0);
  });

  it('a balance addition for a dormant profile activates it; it returns to the app, so the page hears nothing', async () => {
    const p = await open();
    p.run(`MobilePlansInlineOperations.notifyBalanceAddition(md, "${DORMANT_ICCID}")`);
    await p.settle();
    await p.ref.advance(1);
    await p.settle();
    expect(p.ref.host.operations()).toEqual([expect.objectContaining({ flow: 'balanceAddition', outcome: 'connected' })]);
    // It returns to the app: its callbacks are kept in the report, and the page hears none (D22).
    const kept = p.ref.reports()[0]?.callbacks ?? [];
    expect(new Set(kept.map((c) => c.script))).toEqual(new Set(['profileActivationComplete', 'registrationChanged']));
    expect(kept.filter((c) => c.delivered)).toEqual([]);
    expect(p.log).toEqual([]);
  });

  it('a repeated activation code gets the operation already downloading it; a cancel with the second context cancels that one', async () => {
    const p = await open();
    p.run(`var first = MobilePlansInlineOperations.notifyProfileDownload(md, "${CODE}", 15); var second = MobilePlansInlineOperations.notifyProfileDownload(md, "${CODE}", 15);`);
    expect(p.run('first.id === second.id')).toBe(false);
    await p.settle();
    p.run('MobilePlansInlineOperations.notifyOperationCancel(second)');
    await p.settle();
    expect(p.ref.host.operations()).toEqual([expect.objectContaining({ id: p.run('first.id'), outcome: 'cancelled' })]);
  });

  it('a bad delay and an argument that is not data return null at once, as in the app, and send no call', async () => {
    const p = await open();
    expect(p.run(`MobilePlansInlineOperations.notifyProfileDownload(md, "${CODE}", -5)`)).toBeNull();
    expect(p.run(`MobilePlansInlineOperations.notifyProfileDownload(md, function () {})`)).toBeNull();
    await p.settle();
    expect(p.sent.map((m) => JSON.parse(m).type)).toEqual(['diagnostic', 'diagnostic']);
    expect(p.warnings).toHaveLength(2);
    expect(p.ref.host.operations()).toEqual([]);
    expect(p.ref.diagnostics().map((n) => n.diagnostic.message)).toEqual([expect.stringMatching(/^the page at https:\/\/portal\.example\.com reports: .*downloadDelay/), expect.stringMatching(/reports: .*activationCode is a function/)]);
  });

  it('a hand-off the host does not take is told to the page, and cancelling it then returns false', async () => {
    const p = await open();
    p.ref.host.stop();
    p.run(`var op = MobilePlansInlineOperations.notifyProfileDownload(md, "${CODE}", 15);`);
    await p.settle();
    expect(p.warnings).toEqual([expect.stringMatching(/^\[MobilePlans\] the host started nothing for wv-.*: the host is stopped$/)]);
    expect(p.run('MobilePlansInlineOperations.notifyOperationCancel(op)')).toBe(false);
    expect(refusals(p)).toEqual([expect.stringContaining('was ignored: the host is stopped')]);
  });

  it('a page that is not https gets MobilePlansSecurityError at once, and nothing is sent', async () => {
    const p = await open({ url: 'http://portal.example.com/buy' });
    expect(() => p.run(`MobilePlans.notifyCancelledPurchase(md)`)).toThrow(expect.objectContaining({ name: 'MobilePlansSecurityError' }));
    expect(p.sent.filter((m) => JSON.parse(m).type !== 'diagnostic')).toEqual([]);
  });
});

describe('the origin is the transport’s', () => {
  it('a frame the web view reports on a host off the allow-list is refused, whatever its messages claim', async () => {
    const p = await open({ url: 'https://ads.evil.example/frame', frameUrl: 'https://ads.evil.example/frame' });
    p.run(`MobilePlans.notifyCancelledPurchase(md)`);
    p.post(call(ID));
    await p.settle();
    expect(p.ref.host.operations()).toEqual([]);
    expect(refusals(p)).toEqual([expect.stringContaining('"https://ads.evil.example" was refused'), expect.stringContaining('"https://ads.evil.example" was refused')]);
    expect(refusals(p)[0]).toContain('not in the operator\'s allowed hosts');
  });

  it('a message whose claimed origin differs from the frame’s is refused and logged', async () => {
    const p = await open({ url: 'https://portal.example.com/buy', frameUrl: 'https://shop.example.com/buy', allowedHosts: ['portal.example.com', 'shop.example.com'] });
    p.run(`MobilePlans.notifyCancelledPurchase(md)`);
    await p.settle();
    expect(p.ref.host.operations()).toEqual([]);
    expect(refusals(p)).toEqual([expect.stringMatching(/^a message from https:\/\/shop\.example\.com claims to come from "https:\/\/portal\.example\.com" and was refused/)]);
    expect(p.warnings).toEqual([expect.stringContaining('the host started nothing')]);
  });

  it('callbacks are not delivered to a frame that is now on another origin', async () => {
    const p = await open();
    p.run(`MobilePlansInlineOperations.notifyProfileDownload(md, "${CODE}")`);
    await p.settle();
    const before = { log: [...p.log], callbacks: p.ref.callbacks().length };
    p.setFrameUrl('https://elsewhere.example/');
    await p.ref.advance(1);
    await p.settle();
    const after = p.ref.callbacks().slice(before.callbacks);
    expect(after.length).toBeGreaterThanOrEqual(1);
    expect(p.log).toEqual(before.log);
    expect(p.ref.diagnostics().filter((n) => n.diagnostic.code === 'invalidCallback').map((n) => n.diagnostic.message)).toEqual(
      after.map((c) => `${c.script} for ${c.operationId} was not delivered: its frame is no longer on https://portal.example.com`),
    );
  });
});

describe('malformed messages are diagnostics, never a crash', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['not a string', { type: 'call' }, /must be a JSON string, not object/],
    ['not JSON', '{"mobilePlans":1,', /is not JSON/],
    ['another version', JSON.stringify({ mobilePlans: 2, type: 'call' }), /not of protocol version 1/],
    ['an unknown type', message({ type: 'launch', id: ID }), /does not follow the protocol at type/],
    ['an id the page script never mints', call('op-1'), /at id/],
    ['an extra field', call(ID, { admin: true }), /does not follow the protocol/],
    ['a kind its entry point does not make', message({ type: 'call', id: ID, call: { kind: 'cancelledPurchase', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata: {} } }), /does not make a cancelledPurchase call/],
    ['an unknown entry point', message({ type: 'call', id: ID, call: { kind: 'cancelledPurchase', entryPoint: 'MobilePlans.install', metadata: {} } }), /is not a portal entry point/],
    ['values nested too deep', message({ type: 'call', id: ID, call: { kind: 'cancelledPurchase', entryPoint: 'MobilePlans.notifyCancelledPurchase', metadata: JSON.parse('['.repeat(40) + ']'.repeat(40)) } }), /nested more than 16 levels/],
    ['a message over 2 MiB', call(ID, { pad: 'x'.repeat(2 * 1024 * 1024) }), /longer than the 2097152 allowed/],
  ];
  it.each(cases)('%s', async (_, raw, problem) => {
    const p = await open();
    p.post(raw as string);
    await p.settle();
    expect(p.ref.host.operations()).toEqual([]);
    expect(refusals(p)).toEqual([expect.stringMatching(problem)]);
  });

  it('the same call message twice starts one operation (its id is taken)', async () => {
    const p = await open();
    p.post(call(ID));
    p.post(call(ID));
    await p.settle();
    expect(p.ref.host.operations()).toEqual([expect.objectContaining({ id: ID })]);
    expect(refusals(p)).toEqual([expect.stringContaining(`${ID} is already in use`)]);
  });
});
