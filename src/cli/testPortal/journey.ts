/**
 * A journey is the operator's own script, an ES module: its default export receives the
 * Playwright page and the simulator controller and clicks through a purchase. Optional named
 * exports tune the run.
 *
 * @example
 * // buy.journey.mjs
 * export const expectHandOff = true;                         // default: a run with no hand-off is an error
 * export async function beforeLoad({ page }) { await page.route('**\/api/orders', (r) => r.fulfill({ json: { code: '1$smdp.example.com$X' } })); }
 * export default async function ({ page, sim }) {
 *   await page.click('#buy');
 *   await sim.advance(15);
 *   await sim.acceptToast();
 * }
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { Page, BrowserContext } from 'playwright-core';
import { UsageError } from '../io';
import type { PageSimulator } from './pageSimulator';

/** What a journey's default export receives. */
export interface JourneyContext {
  readonly page: Page;
  readonly sim: PageSimulator;
  /** The address the portal was opened at, and its launch parameters. */
  readonly launch: { readonly url: string; readonly transactionId: string };
}

/** A loaded journey module. */
export interface Journey {
  readonly file: string;
  readonly run: (context: JourneyContext) => Promise<unknown>;
  /** False when the journey expects no hand-off (a page that only shows plans). Default true. */
  readonly expectHandOff: boolean;
  /** False to leave operations as the journey left them; default true: toasts accepted and the clock run until they end. */
  readonly settle: boolean;
  /** Runs before the page is opened: routes (`page.route`) for a backend the portal calls. */
  readonly beforeLoad: ((context: { page: Page; context: BrowserContext }) => Promise<unknown>) | null;
}

/**
 * Import a journey module and check its shape.
 *
 * @param file - its path
 * @throws UsageError when it cannot be imported or exports no function
 */
export async function loadJourney(file: string): Promise<Journey> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`cannot load the journey ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const run = module['default'];
  if (typeof run !== 'function') throw new UsageError(`the journey ${file} must export a default function ({ page, sim }) => ...`);
  const flag = (name: string): boolean => {
    const value = module[name];
    if (value === undefined) return true;
    if (typeof value !== 'boolean') throw new UsageError(`the journey ${file}: export const ${name} must be true or false`);
    return value;
  };
  const beforeLoad = module['beforeLoad'];
  if (beforeLoad !== undefined && typeof beforeLoad !== 'function') throw new UsageError(`the journey ${file}: beforeLoad must be a function ({ page, context }) => ...`);
  return {
    file,
    run: run as Journey['run'],
    expectHandOff: flag('expectHandOff'),
    settle: flag('settle'),
    beforeLoad: (beforeLoad as Journey['beforeLoad'] | undefined) ?? null,
  };
}
