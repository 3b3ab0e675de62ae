import type { Command } from 'commander';
import { EXIT, UsageError } from '../io';
import { loadJourney } from '../testPortal/journey';
import { writeJunit } from '../testPortal/junit';
import { formatTestPortalReport } from '../testPortal/report';
import { PageLoadError, testPortal } from '../testPortal/runPortal';
import type { CommandContext } from './context';

const EXAMPLES = `
Opens the portal in headless Chromium (playwright-core) with the Mobile Plans simulator
injected before any page script, as the objects are in the Mobile Plans app, and the launch
parameters (eid, market, location, transactionId) on the URL. A file or folder is served from
127.0.0.1. A journey (an ES module whose default export gets { page, sim }) clicks through a
purchase; without one, the page is loaded and each --click is clicked. Operations then run to
their end (toasts accepted). Every diagnostic, page error and console error is listed with the
portal's file:line:column (through source maps when the page ships them).

Needs: npm i -D playwright-core @sparticuz/chromium (and junit-report-builder for --junit,
source-map-js for source maps). Chromium: --browser, CHROMIUM_PATH, @sparticuz/chromium,
Playwright's own browsers, then the system's.

Examples:
  $ mobile-plans test-portal portal/ --journey buy.journey.mjs --screenshots shots/
  $ mobile-plans test-portal https://portal.example.com/buy --journey buy.journey.mjs --junit report.xml
  $ mobile-plans test-portal playground/portal/good-portal.html --click '#buy-inline'

Exit status: 0 when no errors were found (warnings allowed), 1 with errors (no hand-off seen is
one, unless the journey exports expectHandOff = false), 2 on bad arguments or a page that could
not be opened.`;

interface TestPortalFlags {
  journey?: string;
  allowedHost?: string[];
  click?: string[];
  json?: boolean;
  junit?: string;
  screenshots?: string;
  browser?: string;
  transactionId: string;
  market?: string;
  location?: string;
  timeout: string;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** `mobile-plans test-portal <url|file.html|folder>`: the real portal in a real browser against the simulator. */
export function addTestPortalCommand(program: Command, ctx: CommandContext): void {
  program
    .command('test-portal')
    .description('open an operator portal in headless Chromium with the simulator injected, run a journey, and report every hand-off and problem')
    .argument('<portal>', 'an http(s) URL, an .html file or a folder (served on 127.0.0.1)')
    .option('--journey <file>', 'an ES module whose default export ({ page, sim }) clicks through a purchase')
    .option('--allowed-host <host>', "an allowed host of the operator (repeatable; default: the portal URL's host)", collect)
    .option('--click <selector>', 'without a journey: click this element after load (repeatable, in order)', collect)
    .option('--json', 'print the report as one JSON document')
    .option('--junit <file>', 'also write the report as JUnit XML: one test case per hand-off and per kind of finding')
    .option('--screenshots <dir>', 'save a screenshot after each hand-off and one at the end')
    .option('--browser <path>', 'the Chromium to use (else CHROMIUM_PATH, @sparticuz/chromium, Playwright\'s, the system\'s)')
    .option('--transaction-id <id>', 'the launch transaction id', 'TX-TEST-PORTAL-0001')
    .option('--market <country>', 'the launch market (ISO 3166-1 alpha-2)', 'FR')
    .option('--location <country>', "the user's location (ISO 3166-1 alpha-2)", 'FR')
    .option('--timeout <ms>', 'how long one page action may take', '15000')
    .addHelpText('after', EXAMPLES)
    .action(async (portal: string, flags: TestPortalFlags) => {
      const timeout = Number(flags.timeout);
      if (!Number.isInteger(timeout) || timeout <= 0) throw new UsageError(`--timeout must be a positive number of milliseconds (got ${flags.timeout})`);
      const clicks = flags.click ?? [];
      if (flags.journey !== undefined && clicks.length > 0) throw new UsageError('give either --journey or --click, not both (a journey clicks itself)');
      const journey = flags.journey === undefined ? null : await loadJourney(flags.journey);
      let report;
      try {
        report = await testPortal({
          target: portal,
          journey,
          allowedHosts: flags.allowedHost ?? [],
          clicks,
          screenshots: flags.screenshots ?? null,
          ...(flags.browser === undefined ? {} : { browserPath: flags.browser }),
          transactionId: flags.transactionId,
          ...(flags.market === undefined ? {} : { market: flags.market }),
          ...(flags.location === undefined ? {} : { location: flags.location }),
          actionTimeoutMs: timeout,
        });
      } catch (error) {
        if (error instanceof PageLoadError || (error instanceof Error && error.name === 'ChromiumNotFoundError')) {
          ctx.io.stderr(`error: ${error.message}\n`);
          return ctx.setExitCode(EXIT.usage);
        }
        throw error;
      }
      ctx.io.stdout(flags.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatTestPortalReport(report));
      if (flags.junit !== undefined) await writeJunit(report, flags.junit);
      ctx.setExitCode(report.errors > 0 ? EXIT.failed : EXIT.ok);
    });
}
