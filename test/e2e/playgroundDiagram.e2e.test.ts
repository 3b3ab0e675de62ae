import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Playground } from '../../playground/serve';
import { servePlayground, type ServedPlayground } from './servedPlayground';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium';

// artifacts/ is git-ignored.
const SCREENSHOTS = fileURLToPath(new URL('../../artifacts/screenshots/', import.meta.url));
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let served: ServedPlayground;
let playground: Playground;
let browser: Browser;

beforeAll(async () => {
  const chromiumPath = (await findChromium()).path;
  mkdirSync(SCREENSHOTS, { recursive: true });
  served = await servePlayground();
  playground = served.playground;
  browser = await chromium.launch({ executablePath: chromiumPath, args: [...CHROMIUM_ARGS], headless: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

async function openPlayground(width: number): Promise<{ page: Page; portal: FrameLocator; problems: string[] }> {
  // A page of its own context: axe opens a second page in the same context to gather its frames' results.
  const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(playground.url);
  await page.getByRole('status').filter({ hasText: 'Connected to the simulator inside Contoso Mobile' }).waitFor();
  return { page, portal: page.frameLocator('#portal-frame'), problems };
}

/** The state the statechart highlights as current: there must be exactly one. */
async function highlightedState(page: Page): Promise<string | null> {
  const active = page.locator('#statechart .state.active');
  expect(await active.count()).toBe(1);
  return active.getAttribute('data-state');
}

async function expectHighlighted(page: Page, state: string, takenEvent: string): Promise<void> {
  await expect.poll(() => page.locator('#statechart .state.active').getAttribute('data-state')).toBe(state);
  expect(await highlightedState(page)).toBe(state);
  // The transition just taken: one edge and its label, drawn thick and filled.
  await expect.poll(() => page.locator('#statechart .label.taken').getAttribute('data-event')).toBe(takenEvent);
  expect(await page.locator('#statechart .edges .edge-line.taken').count()).toBe(1);
}

/** The sequence diagram as its screen-reader sentences ("Host to User: toast: ..."). */
async function sequenceMessages(page: Page): Promise<string[]> {
  return (await page.locator('#sequence .seq-message').allTextContents()).map((text) => text.replace(/^\d+/, ''));
}

async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('the playground draws the flow', () => {
  it('drives a delayed download through the statechart, highlighting each state, at 360, 768 and 1400 px with no accessibility violations', async () => {
    const { page, portal, problems } = await openPlayground(1400);
    await portal.getByRole('button', { name: 'Buy, install in 5 minutes' }).click();
    await expectHighlighted(page, 'scheduled', 'operation.start');
    await expect.poll(() => page.locator('#chart-title').textContent()).toBe('Statechart: op-1 delayedDownload');

    // The clock explains itself: manual, the next deadline, and that it stands still.
    expect(await page.locator('#clock-mode').textContent()).toContain('Manual');
    await expect.poll(() => page.locator('#next-deadline').textContent()).toBe('Next: toast for op-1 in 15:00 (at +00:15:00).');
    expect(await page.locator('#idle-note').textContent()).toContain('Nothing will happen until the clock moves: press +15 min');

    await page.getByRole('button', { name: 'Advance the clock 15 minutes' }).click();
    await expectHighlighted(page, 'toastShown', 'timer.fired');
    expect(await page.locator('#statechart .state.visited').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-state')))).toEqual(['received', 'scheduled']);
    expect(await page.locator('#idle-note').textContent()).toContain('op-1 waits for you: accept or dismiss the toast.');

    // The accept event, clicked in the diagram itself (the unguarded branch, to downloading).
    const accept = page.locator('#statechart .label.actionable[data-event="user.toastAccepted"]', { hasNotText: 'confirmationCodeRequired' });
    expect(await accept.getAttribute('role')).toBe('button');
    await accept.click();
    await expectHighlighted(page, 'downloading', 'user.toastAccepted');
    expect(await page.locator('#statechart .label.actionable').count()).toBe(0);
    await expect.poll(() => page.locator('#next-deadline').textContent()).toContain('the download of op-1 finishes in 0:20');

    // Running ×60: the download's 20 virtual seconds and the registration pass on their own.
    await page.getByLabel('Running ×60', { exact: true }).check();
    expect(await page.locator('#clock-mode').textContent()).toBe('Running ×60: one real second is 1:00 of virtual time.');
    await expectHighlighted(page, 'connected', 'modem.registration');
    await page.getByLabel('Manual', { exact: true }).check();
    expect(await page.locator('#statechart .state.visited').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-state')))).toEqual([
      'received',
      'scheduled',
      'toastShown',
      'downloading',
      'enabling',
      'registering',
    ]);
    // The same in words, for anyone who does not see the tints.
    expect(await page.locator('#chart-events .path').textContent()).toBe(
      'Path: received → scheduled → toastShown → downloading → enabling → registering → connected. Last step: registering → connected on modem.registration [registrationSucceeded].',
    );
    await expect.poll(() => portal.locator('#portal-log').textContent()).toContain('Activation: success');

    // What happened, in order, between the docs' five participants.
    const messages = await sequenceMessages(page);
    const order = [
      'Portal to Host: MobilePlansInlineOperations.notifyProfileDownload(…)',
      'Host to Host: arm the deadline for +00:15:00',
      'Host to Portal: returns op-1',
      'Host to User: toast: your profile is ready to download',
      'User to Host: accepts the toast',
      'Host to LPA/SM-DP+: download 1$smdp.example.com$***',
      'LPA/SM-DP+ to Host: downloaded profile',
      'Host to Portal: profileActivationCompleteScript({"activationResult":"success"',
      'Host to Modem: register',
      'Modem to Host: registration home',
    ];
    const positions = order.map((start) => messages.findIndex((m) => m.startsWith(start)));
    expect(positions.every((p) => p >= 0), JSON.stringify({ positions, messages }, null, 1)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(await page.locator('#sequence').textContent()).not.toContain('CONTOSO-LATER-0002');

    for (const width of [360, 768, 1400]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await highlightedState(page)).toBe('connected');
      expect(await horizontalOverflow(page), `page wider than ${width} px`).toBe(0);
      await page.screenshot({ path: join(SCREENSHOTS, `playground-statechart-${width}.png`), fullPage: true });
      expect(await accessibilityViolations(page), `at ${width} px`).toEqual([]);
    }
    expect(problems).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('asks for the confirmation code when the guarded accept branch of the statechart is taken, and sends the code typed', async () => {
    const { page, problems } = await openPlayground(1400);
    // The sample portal has no purchase that needs a code: make the call as a portal page would, in its frame.
    const portalFrame = page.frames().find((f) => f.url().startsWith(playground.portalOrigin));
    await portalFrame?.evaluate(() => {
      const page = window as unknown as Record<string, any>;
      page['MobilePlansInlineOperations'].notifyProfileDownload(page['purchaseMetadata']('2GB Monthly'), '1$smdp.example.com$E2E-CODE-0009$$1', 5);
    });
    await expectHighlighted(page, 'scheduled', 'operation.start');
    await page.getByRole('button', { name: 'Jump the clock to the deadline: send timer.fired to op-1 (timer.fired [deadlinePassed] → toastShown)' }).click();
    await expectHighlighted(page, 'toastShown', 'timer.fired');
    await page.locator('#clock', { hasText: '+00:15:00' }).waitFor();

    await page.locator('#statechart .label.actionable[data-event="user.toastAccepted"]', { hasText: 'confirmationCodeRequired' }).click();
    await expectHighlighted(page, 'confirmationCode', 'user.toastAccepted');
    await expect.poll(() => page.locator('#idle-note').textContent()).toContain('op-1 waits for you: type the confirmation code.');
    await page.locator('#statechart .label.actionable[data-event="user.confirmationCode"]').click();
    const code = page.getByLabel('Confirmation code', { exact: true });
    await expect.poll(() => code.evaluate((input) => input === document.activeElement)).toBe(true);
    await code.fill('4711');
    await page.getByRole('button', { name: 'Send the code' }).click();
    await expectHighlighted(page, 'downloading', 'user.confirmationCode');
    expect(await page.locator('#timeline').textContent()).not.toContain('4711');
    expect(await sequenceMessages(page)).toContain('User to Host: enters a confirmation code');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('sends the cancel event from the keyboard and runs the clock in real time', async () => {
    const { page, portal, problems } = await openPlayground(768);
    await portal.getByRole('button', { name: 'Buy, install in 5 minutes' }).click();
    await expectHighlighted(page, 'scheduled', 'operation.start');

    const cancel = page.getByRole('button', { name: 'Cancel it, as the portal would: send portal.cancel to op-1 (portal.cancel → cancelled)' });
    expect(await cancel.getAttribute('tabindex')).toBe('0');
    await cancel.focus();
    await page.keyboard.press('Enter');
    await expectHighlighted(page, 'cancelled', 'portal.cancel');
    await expect.poll(() => portal.locator('#portal-log').textContent()).not.toContain('Too late');
    await expect.poll(() => page.locator('#chart-events').textContent()).toContain('op-1 ended in cancelled (cancelled)');
    expect(await page.locator('#next-deadline').textContent()).toBe('Nothing is waiting on the clock.');

    await page.getByLabel('Running, real time', { exact: true }).check();
    expect(await page.locator('#clock-mode').textContent()).toBe('Running in real time: one second is one second.');
    await page.locator('#clock', { hasText: '+00:00:01' }).waitFor({ timeout: 5_000 });
    expect(await page.locator('#idle-note').isHidden()).toBe(true);
    await page.getByLabel('Manual', { exact: true }).check();

    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);
});
