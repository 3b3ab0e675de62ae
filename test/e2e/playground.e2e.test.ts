import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Playground } from '../../playground/serve';
import { servePlayground, type ServedPlayground } from './servedPlayground';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium';

const SCREENSHOTS = fileURLToPath(new URL('../../artifacts/screenshots/', import.meta.url));

let served: ServedPlayground;
let playground: Playground;
let browser: BrowserContext;
let userDataDir: string;

beforeAll(async () => {
  const chromiumPath = (await findChromium()).path;
  mkdirSync(SCREENSHOTS, { recursive: true });
  served = await servePlayground();
  playground = served.playground;
  userDataDir = mkdtempSync(join(tmpdir(), 'playground-e2e-'));
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    args: [...CHROMIUM_ARGS],
    headless: true,
    viewport: { width: 1440, height: 900 },
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
  if (userDataDir !== undefined) rmSync(userDataDir, { recursive: true, force: true });
});

/** Open the playground and wait until the host panel hears from the simulator inside the portal. */
async function openPlayground(): Promise<{ page: Page; portal: FrameLocator; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(playground.url);
  await page.getByRole('status').filter({ hasText: 'Connected to the simulator inside Contoso Mobile' }).waitFor();
  expect(problems).toEqual([]);
  return { page, portal: page.frameLocator('#portal-frame'), problems };
}

async function advance(page: Page, minutes: 1 | 15 | 60, expectedClock: string): Promise<void> {
  await page.getByRole('button', { name: `Advance the clock ${minutes} minute${minutes === 1 ? '' : 's'}` }).click();
  await page.locator('#clock', { hasText: expectedClock }).waitFor();
}

function operation(page: Page, id: string) {
  return page.locator(`button.operation[data-operation="${id}"]`);
}

describe('the playground in headless Chromium', () => {
  it('shows a delayed download from the portal through the toast to the activation callback in the portal frame', async () => {
    const { page, portal, problems } = await openPlayground();
    expect(await page.locator('#portal-frame').getAttribute('src')).toBe(`${playground.portalOrigin}/good-portal.html`);
    expect(playground.portalOrigin).not.toBe(new URL(playground.url).origin);

    await portal.getByRole('button', { name: 'Buy, install in 5 minutes' }).click();
    await expect.poll(() => operation(page, 'op-1').textContent()).toContain('delayedDownload scheduled');
    await expect.poll(() => portal.locator('#portal-log').textContent()).toContain('ready in about 15 minutes (operation op-1)');
    await page.locator('.state.active', { hasText: 'scheduled' }).waitFor();

    await advance(page, 1, '+00:01:00');
    expect(await page.getByRole('button', { name: 'Accept the ready-to-download toast' }).isDisabled()).toBe(true);

    await advance(page, 15, '+00:16:00');
    await page.locator('#toast-text', { hasText: 'ready to download (op-1)' }).waitFor();
    await expect.poll(() => operation(page, 'op-1').textContent()).toContain('toastShown');
    await page.getByRole('button', { name: 'Accept the ready-to-download toast' }).click();
    await expect.poll(() => operation(page, 'op-1').textContent()).toContain('downloading');

    await advance(page, 1, '+00:17:00');
    await expect.poll(() => portal.locator('#portal-log').textContent()).toContain('Activation: success');
    await expect.poll(() => portal.locator('#portal-log').textContent()).toContain('Network: home');
    await expect.poll(() => operation(page, 'op-1').textContent()).toContain('connected (connected)');
    await page.locator('.state.active', { hasText: 'connected' }).waitFor();
    await page.locator('.state.visited', { hasText: 'toastShown' }).waitFor();
    await expect.poll(() => page.locator('#timeline').textContent()).toContain('profileActivationComplete {"activationResult":"success"');
    expect(await page.locator('#timeline').textContent()).not.toContain('CONTOSO-LATER-0002');

    expect(problems).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'playground-delayed-download.png') });
    await page.close();
  }, 60_000);

  it('cancels a delayed download inside the window: no toast, no download', async () => {
    const { page, portal, problems } = await openPlayground();
    await portal.getByRole('button', { name: 'Buy, install in 5 minutes' }).click();
    await expect.poll(() => operation(page, 'op-1').textContent()).toContain('scheduled');
    await advance(page, 1, '+00:01:00');

    await portal.getByRole('button', { name: 'Cancel the later install' }).click();
    await expect.poll(() => portal.locator('#portal-log').textContent()).toContain('The later install was cancelled');
    await expect.poll(() => operation(page, 'op-1').textContent()).toContain('cancelled (cancelled)');

    await advance(page, 60, '+01:01:00');
    expect(await page.getByRole('button', { name: 'Accept the ready-to-download toast' }).isDisabled()).toBe(true);
    const timeline = await page.locator('#timeline').textContent();
    expect(timeline).not.toContain('lpa.download');
    expect(timeline).not.toContain('ui.toast');
    await page.locator('.state.active', { hasText: 'cancelled' }).waitFor();

    expect(problems).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'playground-cancel-in-window.png') });
    await page.close();
  }, 60_000);

  it('shows the diagnostics of the portal with mistakes in the timeline', async () => {
    const { page, portal, problems } = await openPlayground();
    await page.locator('#portal-choice').selectOption('bad-portal.html');
    await page.getByRole('status').filter({ hasText: 'Fabrikam Mobile' }).waitFor();
    await portal.getByRole('button', { name: 'Buy 5GB, install now' }).click();
    await advance(page, 1, '+00:01:00');
    await expect.poll(() => page.locator('#timeline .kind-diagnostic').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('planNameRequired'), expect.stringContaining('onActivationCompleted')]),
    );
    // The simulator prints each diagnostic to the portal's console too ([MobilePlansSim] ...).
    expect(problems.some((p) => p.includes('[MobilePlansSim]') && p.includes('planNameRequired'))).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'playground-bad-portal.png') });
    await page.close();
  }, 60_000);
});
