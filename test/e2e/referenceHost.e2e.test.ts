import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_URL, samplePortal } from '../../reference-host/browser';
import { startReferenceSession, type ReferenceSession } from '../../reference-host/session';
import { PAGE_NAMES } from '../../src/webview/protocol';

/*
 * The reference host in real Chromium: the host in Node on the simulated eUICC and modem, the
 * portal page on its https origin by request interception, the page script injected, the CDP
 * binding between them. Refusals are judged on the frame address Chromium reports.
 */

const DORMANT_ICCID = '8988247000101997790';
const EVIL_FRAME = 'https://ads.evil.example/frame.html';
const EVIL_TOP = 'https://evil.example.net/';

/** A page's script that bypasses the page objects and posts a message claiming the portal's origin. */
const FORGE = `
  window.forge = function (n) {
    var id = 'wv-00000000-0000-4000-8000-00000000000' + n;
    window.${PAGE_NAMES.cdpBinding}(JSON.stringify({ mobilePlans: 1, type: 'call', id: id, origin: 'https://portal.example.com',
      call: { kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata: { userAccount: 'New', moDirectStatus: 'Complete', planName: 'x' }, activationCode: '1$smdp.example.com$FORGED-' + n } }));
  };
`;
const page = (script: string): string => `<!doctype html><html><body><script>window.received = [];
  function heard(args) { window.received.push(args); }
  MobilePlansInlineOperations.profileActivationCompleteScript = 'heard';
  MobilePlansInlineOperations.registrationChangedScript = 'heard';
  ${FORGE}${script}</script></body></html>`;

const PAGES = {
  ...samplePortal(),
  'https://portal.example.com/framed.html': `<!doctype html><html><body><iframe src="${EVIL_FRAME}"></iframe></body></html>`,
  [EVIL_FRAME]: page(''),
  [EVIL_TOP]: page(''),
};

let session: ReferenceSession;
beforeAll(async () => {
  session = await startReferenceSession({ pages: PAGES, device: { profiles: [{ iccid: DORMANT_ICCID }] }, acceptToasts: true });
}, 60_000);
afterAll(async () => {
  await session?.close();
});

const received = (): Promise<Array<{ script: string; args: string }>> => session.web.page.evaluate(() => (window as unknown as { received: Array<{ script: string; args: string }> }).received);
const callbacksFor = (operationId: string): Array<{ script: string; args: string }> => session.ref.callbacks().filter((c) => c.operationId === operationId).map(({ script, args }) => ({ script, args }));
const refusals = (): string[] => session.ref.diagnostics().filter((n) => n.diagnostic.code === 'callRefused').map((n) => n.diagnostic.message);
const downloads = (): string[] => session.ref.device.trace.entries().filter((e) => e.kind === 'command' && e.summary.startsWith('lpa.download')).map((e) => e.summary);

async function until(what: string, done: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the reference host in Chromium, over the CDP binding', () => {
  it('an inline download: the page gets its operation context at once, then both callbacks', async () => {
    await session.web.page.goto(PORTAL_URL);
    const op = await session.web.page.evaluate(() => (window as unknown as { portal: { inline(): { id: string } } }).portal.inline().id);
    expect(op).toMatch(/^wv-[0-9a-f-]{36}$/);
    await until('the operation to finish', () => session.ref.host.operations().some((o) => o.id === op && !o.live));
    expect(session.ref.host.operations().find((o) => o.id === op)).toMatchObject({ flow: 'inlineDownload', outcome: 'connected' });
    await until('the callbacks in the page', async () => (await received()).length >= callbacksFor(op).length);
    expect(callbacksFor(op).map((c) => c.script)).toEqual(expect.arrayContaining(['profileActivationComplete', 'registrationChanged']));
    expect(await received()).toEqual(callbacksFor(op));
  });

  it('a delayed download cancelled inside its window is cancelled; nothing is downloaded for it', async () => {
    await session.web.page.goto(PORTAL_URL);
    const before = downloads().length;
    const { op, sent } = await session.web.page.evaluate(() => {
      const portal = (window as unknown as { portal: { delayed(): { id: string }; cancel(): boolean } }).portal;
      return { op: portal.delayed().id, sent: portal.cancel() };
    });
    expect(sent).toBe(true);
    await until('the cancelled operation', () => session.ref.host.operations().some((o) => o.id === op && !o.live));
    expect(session.ref.host.operations().find((o) => o.id === op)).toMatchObject({ flow: 'delayedDownload', outcome: 'cancelled' });
    expect(downloads().length).toBe(before);
    await until('its callbacks in the page', async () => (await received()).length >= callbacksFor(op).length);
    expect(await received()).toEqual(callbacksFor(op));
  });

  it('a balance addition activates the dormant profile; it returns to the app, so its callbacks are kept in the report, not sent', async () => {
    await session.web.page.goto(PORTAL_URL);
    const op = await session.web.page.evaluate((iccid) => (window as unknown as { portal: { balance(iccid: string): { id: string } } }).portal.balance(iccid).id, DORMANT_ICCID);
    await until('the balance addition to finish', () => session.ref.host.operations().some((o) => o.id === op && !o.live));
    expect(session.ref.host.operations().find((o) => o.id === op)).toMatchObject({ flow: 'balanceAddition', outcome: 'connected' });
    const report = session.ref.reports().find((r) => r.operationId === op);
    const kept = report?.callbacks ?? [];
    expect(new Set(kept.map((c) => c.script))).toEqual(new Set(['profileActivationComplete', 'registrationChanged']));
    expect(kept.filter((c) => c.delivered)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await received()).toEqual([]);
    // The user opens the portal again from the app: callbacks reach pages again.
    session.ref.host.launch('reference-2');
  });

  it('a portal iframe from a host off the allow-list is refused, though its messages claim the portal', async () => {
    const operations = session.ref.host.operations().length;
    const refused = refusals().length;
    await session.web.page.goto('https://portal.example.com/framed.html');
    const frame = session.web.page.frames().find((f) => f.url() === EVIL_FRAME);
    expect(frame).toBeDefined();
    await frame!.evaluate(() => {
      const w = window as unknown as { forge(n: number): void; MobilePlansInlineOperations: { notifyProfileDownload(md: object, code: string): unknown } };
      w.MobilePlansInlineOperations.notifyProfileDownload({ userAccount: 'New', moDirectStatus: 'Complete', planName: 'x' }, '1$smdp.example.com$FRAMED-1');
      w.forge(1);
    });
    await until('both refusals', () => refusals().length >= refused + 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(session.ref.host.operations()).toHaveLength(operations);
    expect(refusals().slice(refused)).toEqual([
      expect.stringContaining('a message from "https://ads.evil.example" was refused and nothing was started: the host "ads.evil.example" is not in the operator\'s allowed hosts'),
      expect.stringContaining('a message from "https://ads.evil.example" was refused and nothing was started'),
    ]);
    expect(downloads().filter((d) => /FRAMED|FORGED/.test(d))).toEqual([]);
  });

  it('a page that forges the portal’s origin in its messages is refused and logged', async () => {
    const operations = session.ref.host.operations().length;
    const refused = refusals().length;
    await session.web.page.goto(EVIL_TOP);
    await session.web.page.evaluate(() => (window as unknown as { forge(n: number): void }).forge(2));
    await until('the refusal', () => refusals().length > refused);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(session.ref.host.operations()).toHaveLength(operations);
    expect(refusals().slice(refused)).toEqual([expect.stringContaining('a message from "https://evil.example.net" was refused')]);
    expect(await received()).toEqual([]);
  });
});
