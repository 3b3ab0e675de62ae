import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { openPortalBrowser, PORTAL_URL, samplePortal, type PortalBrowser } from '../../reference-host/browser';
import { builtPageScript } from '../../reference-host/session';
import { createSimulatedDevice, type SimulatedDevice } from '../../src/sim/index';
import { REPOSITORY_ROOT } from '../../src/docs/generate';
import { WEBVIEW_HOST_SOURCE } from '../../src/docs/hostGuide';
import { startWebViewHost, type DevicePlatform, type RunningWebViewHost } from '../../docs/examples/webview-host';

/*
 * The host guide's web-view example is real: it runs as written with the portal in headless
 * Chromium (the page script injected, the CDP binding as its transport), the simulated device
 * behind it, and type-checks.
 */

const EVIL_TOP = 'https://evil.example.net/';
/** A page off the allow-list that hands off a download with a matching ID the log must not show. */
const EVIL_PAGE = `<!doctype html><html><body><script>
  window.handOff = function () {
    return MobilePlansInlineOperations.notifyProfileDownload({ userAccount: 'New', moDirectStatus: 'Complete', planName: 'x' }, '1$smdp.example.com$EVIL-MATCHING-ID');
  };
</script></body></html>`;

const cleanup: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo();
});

let script: Promise<string> | undefined;
async function browser(): Promise<PortalBrowser> {
  script ??= builtPageScript();
  const web = await openPortalBrowser({ pageScript: await script, pages: { ...samplePortal(), [EVIL_TOP]: EVIL_PAGE } });
  cleanup.push(() => web.close());
  return web;
}

function directory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'webview-host-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'state');
}

function platformOf(device: SimulatedDevice): DevicePlatform {
  return { lpa: device.effects.lpa, modem: device.effects.modem, ui: device.effects.ui, connect: (host) => void device.attach(host) };
}

async function started(platform: DevicePlatform, web: PortalBrowser, dir: string, log: { write(line: string): void }): Promise<RunningWebViewHost> {
  const running = await startWebViewHost(platform, { transport: web.transport, allowedHosts: ['portal.example.com'] }, dir, log);
  cleanup.push(() => running.shutdown());
  return running;
}

function lines(): { write(line: string): void; all: string[]; parsed(): Array<{ type: string; report?: { operationId: string; outcome: string }; notice?: { diagnostic: { code: string } } }> } {
  const all: string[] = [];
  return { all, write: (line) => void all.push(line), parsed: () => all.map((line) => JSON.parse(line)) };
}

async function until(what: string, done: () => boolean | Promise<boolean>, step: () => Promise<void> = async () => {}, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await step();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the web-view host of the host guide', () => {
  it('takes a portal page’s inline download over the web view, calls its callbacks in the page, stores it, logs one report without the matching ID', async () => {
    const web = await browser();
    const device = createSimulatedDevice();
    const log = lines();
    const dir = directory();
    const { host } = await started(platformOf(device), web, dir, log);
    await web.page.goto(PORTAL_URL);
    const op = await web.page.evaluate(() => (window as unknown as { portal: { inline(): { id: string } } }).portal.inline().id);
    // The simulated LPA and modem take virtual time: move the device's clock while waiting.
    await until('the download to finish', () => host.operations().some((o) => o.id === op && !o.live), () => device.clock.advanceAsync(1_000));
    await host.idle(); // the last write and the report follow the last step
    expect(host.operations()).toContainEqual({ id: op, flow: 'inlineDownload', state: 'connected', live: false, outcome: 'connected' });
    const received = (): Promise<string[]> => web.page.evaluate(() => (window as unknown as { received: Array<{ script: string }> }).received.map((r) => r.script));
    await until('the callbacks in the page', async () => (await received()).length >= 2);
    expect(await received()).toEqual(expect.arrayContaining(['profileActivationComplete', 'registrationChanged']));
    expect(log.parsed().filter((line) => line.type === 'report').map((line) => [line.report?.operationId, line.report?.outcome])).toEqual([[op, 'connected']]);
    expect(log.all.join('')).not.toMatch(/REF-INLINE-\d/);
    expect(readdirSync(dir).sort()).toEqual(['header.json', `record.${op}.json`]);
  }, 60_000);

  it('refuses a page off the allow-list, starts nothing, and logs the refusal without its matching ID', async () => {
    const web = await browser();
    const log = lines();
    const { host } = await started(platformOf(createSimulatedDevice()), web, directory(), log);
    await web.page.goto(EVIL_TOP);
    await web.page.evaluate(() => (window as unknown as { handOff(): unknown }).handOff());
    await until('the refusal in the log', () => log.parsed().some((line) => line.notice?.diagnostic.code === 'callRefused'));
    expect(host.operations()).toEqual([]);
    expect(log.all.join('')).toContain('evil.example.net');
    expect(log.all.join('')).not.toContain('EVIL-MATCHING-ID');
  }, 60_000);

  it("type-checks with the project's compiler options", () => {
    const configPath = join(REPOSITORY_ROOT, 'tsconfig.json');
    const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, REPOSITORY_ROOT);
    const example = join(REPOSITORY_ROOT, WEBVIEW_HOST_SOURCE);
    const program = ts.createProgram([example], parsed.options);
    const problems = ts.getPreEmitDiagnostics(program, program.getSourceFile(example)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  }, 60_000);
});
