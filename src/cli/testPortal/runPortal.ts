/**
 * One `test-portal` run: serve a local portal (or take its URL), open it in headless Chromium
 * with the simulator injected before any page script and the launch parameters on the URL, run
 * the journey (or the clicks), let the operations end, and collect everything into a report.
 */
import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { DEFAULT_EID } from '../../sim/device/euicc';
import { redactText } from '../../sim/device/redact';
import { portalLaunch } from '../../portal/launch';
import { findChromium, CHROMIUM_ARGS } from '../browser/chromium';
import { UsageError } from '../io';
import { AGENT_GLOBAL, type AgentEvent, type CallEvent, type DiagnosticEvent, type PageAgent } from './events';
import { initScript } from './initScript';
import type { Journey } from './journey';
import { Locator, type SourceLocation } from './locations';
import { pageSimulator, THIRTY_ONE_DAYS } from './pageSimulator';
import type { PortalFinding, PortalHandOff, ReceivedCallback, TestPortalReport } from './report';
import { serveFolder } from './staticServer';

/** How to run. */
export interface TestPortalOptions {
  /** An `http(s)` URL, an .html file, or a folder (its index.html). */
  readonly target: string;
  readonly journey: Journey | null;
  /** The operator's allowed hosts; default: the portal URL's host. Local files are always allowed (localhost). */
  readonly allowedHosts: readonly string[];
  /** Without a journey: CSS selectors clicked one after the other, the clock settled after each. */
  readonly clicks: readonly string[];
  /** Where screenshots go (one per hand-off, one at the end); none when absent. */
  readonly screenshots: string | null;
  readonly browserPath?: string;
  readonly transactionId: string;
  readonly market?: string;
  readonly location?: string;
  /** How long one Playwright action may take. */
  readonly actionTimeoutMs: number;
}

/** The page could not be opened (not found, no server, an error status): exit code 2. */
export class PageLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PageLoadError';
  }
}

const BINDING = '__mobilePlansTestPortalEvent';

/** A request for the simulator script a development page loads itself: the injected one is already there. */
const OWN_SIMULATOR_SCRIPT = /\/mobile-plans-sim\.js(?:\?.*)?$/;

/**
 * Run one portal.
 *
 * @throws UsageError when playwright-core is missing or the target does not exist
 * @throws PageLoadError when the page cannot be opened
 */
export async function testPortal(options: TestPortalOptions): Promise<TestPortalReport> {
  const playwright = await loadPlaywright();
  const target = await resolveTarget(options.target);
  const served = target.kind === 'local' ? await serveFolder(target.root, { spaFallback: true }) : null;
  let browser: Browser | undefined;
  try {
    const pageUrl = target.kind === 'url' ? target.url : new URL(target.page, served?.origin).href;
    const allowedHosts = options.allowedHosts.length > 0 ? [...options.allowedHosts] : served === null ? [new URL(pageUrl).host] : [];
    const launchUrl = launchAddress(pageUrl, options);
    const chromium = await findChromium(options.browserPath);
    browser = await playwright.chromium.launch({ executablePath: chromium.path, args: [...CHROMIUM_ARGS] });
    const context = await browser.newContext({ viewport: { width: 412, height: 860 } });
    context.setDefaultTimeout(options.actionTimeoutMs);

    const events: AgentEvent[] = [];
    const screenshots: Array<Promise<string | null>> = [];
    const shotDir = options.screenshots === null ? null : resolve(options.screenshots);
    if (shotDir !== null) await mkdir(shotDir, { recursive: true });
    let page: Page | undefined;
    const screenshot = (name: string): Promise<string | null> => {
      if (shotDir === null || page === undefined) return Promise.resolve(null);
      const file = join(shotDir, `${String(screenshots.length + 1).padStart(2, '0')}-${name}.png`);
      const taken = page.screenshot({ path: file }).then(() => file, () => null);
      screenshots.push(taken);
      return taken;
    };
    const handOffShots = new Map<number, Promise<string | null>>();
    await context.exposeBinding(BINDING, (_source, event: AgentEvent | { kind: 'flush' }) => {
      if (event.kind === 'flush') return;
      events.push(event);
      if (event.kind === 'call') handOffShots.set(event.index, screenshot(`hand-off-${event.index}${event.operationId === null ? '' : `-${event.operationId}`}`));
    });
    await context.addInitScript({ content: await initScript({ binding: BINDING, allowedHosts, transactionId: options.transactionId }) });
    await context.route(OWN_SIMULATOR_SCRIPT, (route) => route.fulfill({ contentType: 'text/javascript', body: '/* mobile-plans test-portal: the simulator is already on this page */' }));

    page = await context.newPage();
    const browserFindings = watchPage(page);
    const locator = new Locator(served?.origin ?? null, (url) => fetchText(url));
    if (options.journey?.beforeLoad != null) await options.journey.beforeLoad({ page, context });

    let response;
    try {
      response = await page.goto(launchUrl, { waitUntil: 'load' });
    } catch (error) {
      throw new PageLoadError(`could not open ${launchUrl}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    if (response !== null && response.status() >= 400) throw new PageLoadError(`could not open ${launchUrl}: the server answered ${response.status()} ${response.statusText()}`);

    const tracked = pageSimulator(page);
    const journeyFindings: PortalFinding[] = [];
    if (options.journey !== null) {
      try {
        await options.journey.run({ page, sim: tracked.sim, launch: { url: launchUrl, transactionId: options.transactionId } });
      } catch (error) {
        journeyFindings.push(finding('error', 'journeyError', `the journey failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, journeyLocation(error, options.journey.file)));
      }
      for (const failure of await tracked.unobservedFailures()) journeyFindings.push(finding('error', 'journeyError', failure, null));
    } else {
      for (const selector of options.clicks) {
        try {
          await page.click(selector);
          await tracked.sim.settle();
        } catch (error) {
          journeyFindings.push(finding('error', 'clickFailed', `could not click ${selector}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, null));
        }
      }
    }
    const agentHere = await page.evaluate((global) => global in window, AGENT_GLOBAL).catch(() => false);
    if (agentHere && options.journey?.settle !== false) await tracked.sim.settle(THIRTY_ONE_DAYS).catch(() => {});
    // Every event the page sent before this round trip has been handled once it returns.
    await page.evaluate((binding) => (window as unknown as Record<string, (e: unknown) => Promise<void>>)[binding]?.({ kind: 'flush' }), BINDING).catch(() => {});
    await screenshot('end');
    const operations = agentHere ? await page.evaluate((global) => (window as unknown as Record<string, PageAgent>)[global]!.operations(), AGENT_GLOBAL) : [];
    const redact = async (texts: string[]): Promise<string[]> =>
      agentHere ? page.evaluate(([global, all]) => all.map((text) => (window as unknown as Record<string, PageAgent>)[global]!.redact(text)), [AGENT_GLOBAL, texts] as const) : texts;
    const pageFindings = await browserFindings.collect(locator, redact);
    // A failed assertion may quote the page (an activation code on it): masked like everything else.
    const journeyTexts = await redact(journeyFindings.map((f) => f.message)).catch(() => journeyFindings.map((f) => redactText(f.message)));
    const maskedJourneyFindings = journeyFindings.map((f, i) => ({ ...f, message: redactText(journeyTexts[i] ?? '') }));

    const handOffStack = new Map<number, string>();
    for (const event of events) if (event.kind === 'call') handOffStack.set(event.index, event.stack);
    const report = await assemble({
      events,
      operations,
      locator,
      extraFindings: [...pageFindings, ...maskedJourneyFindings],
      expectHandOff: options.journey?.expectHandOff ?? true,
      shots: handOffShots,
    });
    const shots = (await Promise.all(screenshots)).filter((file): file is string => file !== null);
    return { ...report, target: options.target, launchUrl, journey: options.journey?.file ?? null, screenshots: shots, notes: notesOf(events, locator) };
  } finally {
    await browser?.close().catch(() => {});
    await served?.close();
  }
}

type Target = { kind: 'url'; url: string } | { kind: 'local'; root: string; page: string };

async function resolveTarget(target: string): Promise<Target> {
  if (/^https?:\/\//i.test(target)) {
    try {
      return { kind: 'url', url: new URL(target).href };
    } catch {
      throw new UsageError(`${target} is not a URL`);
    }
  }
  const found = await stat(target).catch(() => null);
  if (found === null) throw new UsageError(`${target}: no such file or folder (give an http(s) URL, an .html file or a folder)`);
  if (found.isDirectory()) return { kind: 'local', root: resolve(target), page: '' };
  if (!/\.html?$/i.test(target)) throw new UsageError(`${target}: give an .html file, a folder or an http(s) URL`);
  return { kind: 'local', root: dirname(resolve(target)), page: encodeURIComponent(basename(target)) };
}

/** The page URL with the launch parameters the app adds (checked by `portalLaunch`, which wants https on an allowed host). */
function launchAddress(pageUrl: string, options: TestPortalOptions): string {
  const url = new URL(pageUrl);
  const standIn = `https://${url.hostname}${url.pathname}${url.search}`;
  let launched;
  try {
    launched = portalLaunch({
      portalUrl: standIn,
      allowedHosts: [url.hostname],
      eid: DEFAULT_EID,
      transactionId: options.transactionId,
      ...(options.market === undefined ? {} : { market: options.market }),
      ...(options.location === undefined ? {} : { location: options.location }),
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  url.search = new URL(launched.url).search;
  return url.href;
}

async function loadPlaywright(): Promise<typeof import('playwright-core')> {
  try {
    return await import('playwright-core');
  } catch {
    throw new UsageError('test-portal needs playwright-core and a Chromium: npm i -D playwright-core @sparticuz/chromium (or give a Chromium with --browser PATH)');
  }
}

async function fetchText(url: string): Promise<string | null> {
  try {
    const response = await fetch(url);
    return response.ok ? await response.text() : null;
  } catch {
    return null;
  }
}

function finding(severity: 'error' | 'warning', code: string, message: string, location: SourceLocation | null, more: Partial<PortalFinding> = {}): PortalFinding {
  return { severity, code, message, entryPoint: null, operationId: null, location, handOff: null, ...more };
}

/** Where in the journey file it failed: the first stack frame in that file. */
function journeyLocation(error: unknown, file: string): SourceLocation | null {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const name = basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?:file://)?([^\\s(]*${name}):(\\d+):(\\d+)`).exec(stack);
  return match === null ? null : { file, line: Number(match[2]), column: Number(match[3]) };
}

/** The browser's own findings: uncaught errors, console errors, failed requests. */
function watchPage(page: Page): { collect(locator: Locator, redact: (texts: string[]) => Promise<string[]>): Promise<PortalFinding[]> } {
  type Raw = { severity: 'error' | 'warning'; code: string; message: string; stack?: string; at?: { url: string; line: number; column: number } };
  const raw: Raw[] = [];
  page.on('pageerror', (error) => raw.push({ severity: 'error', code: 'pageError', message: `${error.name}: ${error.message}`, stack: error.stack ?? '' }));
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    // A failed resource shows as httpError with its URL; the console's copy says less.
    if (message.text().startsWith('Failed to load resource')) return;
    const where = message.location();
    raw.push({ severity: 'error', code: 'consoleError', message: message.text(), ...(where.url === '' ? {} : { at: { url: where.url, line: where.lineNumber + 1, column: where.columnNumber + 1 } }) });
  });
  page.on('response', (response) => {
    if (response.status() >= 400) raw.push({ severity: 'warning', code: 'httpError', message: `${response.request().method()} ${response.url()} answered ${response.status()}` });
  });
  page.on('requestfailed', (request) => raw.push({ severity: 'warning', code: 'requestFailed', message: `${request.method()} ${request.url()} failed: ${request.failure()?.errorText ?? 'no answer'}` }));
  return {
    async collect(locator, redact) {
      // A missing file is one finding: its httpError, not also the aborted request or the script the browser then refused.
      const missing = raw.filter((r) => r.code === 'httpError').map((r) => r.message.split(' ')[1] ?? '');
      const sameNews = (r: Raw): boolean => r.code !== 'httpError' && r.code !== 'pageError' && missing.some((url) => r.message.includes(`${url} `) || r.message.includes(`'${url}'`));
      raw.splice(0, raw.length, ...raw.filter((r) => !sameNews(r)));
      // The page's redactor knows the matching IDs it saw; without it, every activation code in a text is still masked.
      const messages = (await redact(raw.map((r) => r.message)).catch(() => raw.map((r) => r.message))).map(redactText);
      return Promise.all(
        raw.map(async (r, i) => {
          const location = r.stack !== undefined ? await locator.ofStack(r.stack) : r.at !== undefined ? await locator.of(r.at.url, r.at.line, r.at.column) : null;
          return finding(r.severity, r.code, messages[i] ?? '', location);
        }),
      );
    },
  };
}

/** Hand-offs with their operations, callbacks and findings. */
async function assemble(input: {
  events: readonly AgentEvent[];
  operations: readonly import('../../host/host').OperationView[];
  locator: Locator;
  extraFindings: readonly PortalFinding[];
  expectHandOff: boolean;
  shots: ReadonlyMap<number, Promise<string | null>>;
}): Promise<Omit<TestPortalReport, 'target' | 'launchUrl' | 'journey' | 'screenshots' | 'notes'>> {
  const calls = input.events.filter((e): e is CallEvent => e.kind === 'call');
  const handOffOf = new Map<string, number>();
  for (const call of calls) if (call.operationId !== null && !handOffOf.has(call.operationId)) handOffOf.set(call.operationId, call.index);
  const callLocations = new Map<number, SourceLocation | null>();
  for (const call of calls) callLocations.set(call.index, await input.locator.ofStack(call.stack));

  const findings: PortalFinding[] = [];
  for (const event of input.events.filter((e): e is DiagnosticEvent => e.kind === 'diagnostic')) {
    const handOff = event.callIndex ?? (event.operationId === null ? null : (handOffOf.get(event.operationId) ?? null));
    // Raised later (a callback delivered on the clock): the place is the hand-off that started it.
    const location = (await input.locator.ofStack(event.stack)) ?? (handOff === null ? null : (callLocations.get(handOff) ?? null));
    findings.push(
      finding(event.severity, event.code, event.message, location, {
        ...(event.field === undefined ? {} : { field: event.field }),
        entryPoint: event.entryPoint,
        operationId: event.operationId,
        handOff,
      }),
    );
  }
  findings.push(...input.extraFindings);
  if (calls.length === 0 && input.expectHandOff) {
    findings.push(finding('error', 'noHandOff', 'no hand-off seen: the page called no Mobile Plans entry point (a journey that expects none says `export const expectHandOff = false`)', null));
  }
  const callbacks: ReceivedCallback[] = input.events.flatMap((e) => (e.kind === 'callback' ? [{ operationId: e.operationId, script: e.script, args: e.args }] : []));
  const handOffs: PortalHandOff[] = await Promise.all(
    calls.map(async (call) => {
      const started = call.operationId !== null && handOffOf.get(call.operationId) === call.index;
      return {
        index: call.index,
        entryPoint: call.entryPoint,
        operationId: call.operationId,
        reply: call.reply,
        location: callLocations.get(call.index) ?? null,
        operation: input.operations.find((op) => op.id === call.operationId) ?? null,
        callbacks: started ? callbacks.filter((c) => c.operationId === call.operationId) : [],
        findings: findings.filter((f) => f.handOff === call.index),
        screenshot: (await input.shots.get(call.index)) ?? null,
      };
    }),
  );
  return {
    handOffs,
    findings,
    operations: input.operations,
    callbacks,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}

function notesOf(events: readonly AgentEvent[], locator: Locator): string[] {
  const notes: string[] = [];
  if (events.some((e) => e.kind === 'pageStartedSimulator')) notes.push('the page starts the simulator itself (MobilePlansSim.start): it got the one test-portal injected');
  if (locator.sourceMapsSkipped) notes.push('the page ships source maps, but source-map-js is not installed: locations are in the code the browser ran (npm i -D source-map-js)');
  return notes;
}
