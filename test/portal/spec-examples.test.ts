import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FlowName, Outcome } from '../../machines/types';
import { ENUM_OBJECTS } from '../../src/domain/enums';
import { PORTAL_OBJECTS } from '../../src/portal/entryPoints';
import { fixture, openPortalPage, type PortalPage } from './page';

/** The spec lives beside the clone (`../shared/spec` from the repository root). */
const SPEC_DIR = fileURLToPath(new URL('../../../shared/spec/', import.meta.url));

function specFile(prefix: string): string {
  if (!existsSync(SPEC_DIR)) {
    throw new Error(`the spec folder ${SPEC_DIR} is missing: check out shared/ beside the repository (CI does) to run the spec's own examples`);
  }
  const name = readdirSync(SPEC_DIR).find((file) => file.startsWith(`${prefix}_`) && file.endsWith('.txt'));
  if (name === undefined) throw new Error(`no ${prefix}_*.txt in ${SPEC_DIR}`);
  return readFileSync(join(SPEC_DIR, name), 'utf8');
}

/** 000 and 003: the fenced ```javascript / ```Javascript blocks. */
function fencedExamples(text: string): string[] {
  return [...text.matchAll(/^[ \t]*```[Jj]avascript[ \t]*\r?\n([\s\S]*?)^[ \t]*```/gm)].map((match) => match[1] ?? '');
}

/**
 * 004: unfenced. An example starts at a line `var purchaseMetaData ...` (and runs to the next
 * blank line) or `function name(` (and runs until its braces balance).
 */
function unfencedExamples(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const examples: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    let end = i;
    if (/^var purchaseMetaData\b/.test(line)) {
      while (end + 1 < lines.length && (lines[end + 1] ?? '').trim() !== '') end++;
    } else if (/^function \w+\(/.test(line)) {
      let depth = 0;
      for (; end < lines.length; end++) {
        const text = lines[end] ?? '';
        depth += (text.match(/\{/g)?.length ?? 0) - (text.match(/\}/g)?.length ?? 0);
        if (depth === 0 && text.includes('}')) break;
      }
    } else {
      continue;
    }
    examples.push(lines.slice(i, end + 1).join('\n'));
    i = end;
  }
  return examples;
}

const FILES = [
  { prefix: '000', examples: fencedExamples(specFile('000')), expectedCount: 1 },
  { prefix: '003', examples: fencedExamples(specFile('003')), expectedCount: 7 },
  { prefix: '004', examples: unfencedExamples(specFile('004')), expectedCount: 9 },
];

/** What an example's text says it does. */
interface Expectation {
  readonly says: string;
  readonly flow?: FlowName;
  readonly outcome?: Outcome;
  readonly drive?: (page: PortalPage) => Promise<void>;
  readonly log: readonly string[];
  /** A profile the device must already hold (the example's ICCID). */
  readonly dormantIccid?: string;
}

const LISTENED = ['Activation Success', 'Registration Successful!'];

function expectationFor(example: string): Expectation {
  const balanceIccid = /notifyBalanceAddition\([^,)]+,\s*"(\d+)"\)/.exec(example)?.[1];
  if (/notifyOperationCancel/.test(example)) return { says: 'cancels its delayed download inside the window', flow: 'delayedDownload', outcome: 'cancelled', drive: minutes(60), log: [] };
  if (/notifyProfileDownload\([^)]*,\s*\d+\)/.test(example)) {
    return { says: 'schedules a download; after the delay and the toast it activates and registers', flow: 'delayedDownload', outcome: 'connected', drive: acceptAfter(15), log: LISTENED };
  }
  if (/notify(Inline)?ProfileDownload\(/.test(example)) return { says: 'downloads inline, activates and registers', flow: 'inlineDownload', outcome: 'connected', drive: minutes(1), log: LISTENED };
  if (/notifyPurchaseWithProfileDownload\(/.test(example)) return { says: 'downloads now and registers after the interval', flow: 'asyncConnectivity', outcome: 'connected', drive: minutes(16), log: [] };
  if (/notifyPurchaseDelayedProfile\(/.test(example)) return { says: 'finds the profile on SM-DS after the interval', flow: 'delayedProfile', outcome: 'connected', drive: minutes(16), log: [] };
  if (balanceIccid !== undefined) {
    return { says: `adds balance and activates ${balanceIccid}`, flow: 'balanceAddition', outcome: 'connected', drive: minutes(1), log: [], dormantIccid: balanceIccid };
  }
  if (/notifyBalanceAddition\(/.test(example)) return { says: 'adds balance', flow: 'balanceAddition', outcome: 'balanceAdded', log: [] };
  if (/notifyCancelledPurchase\(/.test(example)) return { says: 'reports a cancelled purchase', flow: 'cancelledPurchase', outcome: 'purchaseCancelled', log: [] };
  if (/function onActivationComplete\(/.test(example)) return { says: "logs 'Activation Success' for a success", log: ['Activation Success'] };
  if (/function onRegistrationChanged\(/.test(example)) return { says: "logs 'Registration Successful!' on the home network", log: ['Registration Successful!'] };
  throw new Error(`no expectation for the example:\n${example}`);
}

function minutes(n: number) {
  return (page: PortalPage) => page.sim.advance(n);
}

function acceptAfter(n: number) {
  return async (page: PortalPage) => {
    await page.sim.advance(n);
    page.sim.acceptToast();
    await page.sim.advance(1);
  };
}

/** What the harness passes to a declared function: the listeners get a success. */
const ARGUMENTS: Readonly<Record<string, string>> = {
  onActivationComplete: JSON.stringify(JSON.stringify({ activationResult: 'success', iccid: '8988247000101997790' })),
  onRegistrationChanged: JSON.stringify(JSON.stringify({ networkRegistrationState: 'home', iccid: '8988247000101997790' })),
};

const declaredFunctions = (example: string): string[] => [...example.matchAll(/^\s*function (\w+)\(/gm)].map((m) => m[1] ?? '');
const isListener = (example: string): boolean => declaredFunctions(example).some((name) => name in ARGUMENTS);

describe("the spec's own JavaScript examples, run unchanged", () => {
  for (const file of FILES) {
    it(`${file.prefix}: finds all ${file.expectedCount} examples`, () => {
      expect(file.examples).toHaveLength(file.expectedCount);
    });

    for (const [index, example] of file.examples.entries()) {
      const expected = expectationFor(example);
      it(`${file.prefix} example ${index + 1} ${expected.says}`, async () => {
        const page = openPortalPage(expected.dormantIccid === undefined ? {} : { device: { profiles: [{ iccid: expected.dormantIccid }] } });
        // The hand-off examples name the listener functions of the same document: define those first.
        if (!isListener(example)) for (const listener of file.examples.filter(isListener)) page.run(listener);
        page.run(example, `${file.prefix}-example-${index + 1}.js`);
        for (const name of declaredFunctions(example)) page.run(`${name}(${ARGUMENTS[name] ?? ''})`);
        await page.settle();
        await expected.drive?.(page);
        await page.settle();

        expect(page.log).toEqual(expected.log);
        const operations = page.sim.operations();
        if (expected.flow === undefined) {
          expect(operations).toEqual([]);
        } else {
          expect(operations).toEqual([expect.objectContaining({ flow: expected.flow, live: false, outcome: expected.outcome })]);
          expect(page.sim.reports()).toHaveLength(1);
        }
        expect(page.notices.filter((n) => n.diagnostic.severity === 'error')).toEqual([]);
      });
    }
  }

  it('the portal fixtures use every page object, enum value and metadata spelling the examples use', () => {
    const fixtures = readdirSync(fileURLToPath(new URL('../fixtures/portal/', import.meta.url)))
      .filter((name) => name.endsWith('.js'))
      .map(fixture)
      .join('\n');
    const examples = FILES.flatMap((file) => file.examples).join('\n');
    const known = new Set<string>([...PORTAL_OBJECTS, ...Object.keys(ENUM_OBJECTS)]);
    const used = new Set([...examples.matchAll(/\b([A-Z]\w+)\.(\w+)/g)].filter((m) => known.has(m[1] ?? '')).map((m) => m[0]));
    const spellings = new Set([...examples.matchAll(/\.(line|lineType|moDirectStatus|modirectStatus) =/g)].map((m) => m[0]));
    expect(used.size).toBeGreaterThan(30);
    expect(spellings.size).toBe(4);
    expect([...used, ...spellings].filter((token) => !fixtures.includes(token))).toEqual([]);
  });
});
