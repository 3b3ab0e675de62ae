/**
 * The spec's own JavaScript examples, what each one's text says it does, and how a harness
 * runs one: shared by the node:vm test (`test/portal/spec-examples.test.ts`) and the
 * headless-Chromium test (`test/browser/spec-examples.browser.test.ts`), so both run the same
 * examples the same way. The examples are an optional input: the spec corpus is not part of
 * this repository (see {@link SPEC_DIR}); without it these suites report themselves as not
 * run, and under `CI` they fail.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FlowName, Outcome } from '../../machines/types';
import type { DiagnosticNotice } from '../../src/core/commands';
import type { OperationView } from '../../src/host/host';
import type { Simulator, SimulatorOptions } from '../../src/sim/index';

/** Where the spec corpus is expected: a `shared/spec/` folder beside the clone (`../shared/spec/` from the repository root). */
export const SPEC_DIR = fileURLToPath(new URL('../../../shared/spec/', import.meta.url));

function specFile(prefix: string): string {
  const name = readdirSync(SPEC_DIR).find((file) => file.startsWith(`${prefix}_`) && file.endsWith('.txt'));
  if (name === undefined) throw new Error(`no ${prefix}_*.txt in the spec corpus ${SPEC_DIR}`);
  return readFileSync(join(SPEC_DIR, name), 'utf8');
}

/** 000 and 003: the fenced ```javascript / ```Javascript blocks. */
export function fencedExamples(text: string): string[] {
  return [...text.matchAll(/^[ \t]*```[Jj]avascript[ \t]*\r?\n([\s\S]*?)^[ \t]*```/gm)].map((match) => match[1] ?? '');
}

/**
 * 004: unfenced. An example starts at a line `var purchaseMetaData ...` (and runs to the next
 * blank line) or `function name(` (and runs until its braces balance).
 */
export function unfencedExamples(text: string): string[] {
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

/** One spec file's examples, and how many it must have. */
export interface SpecFile {
  readonly prefix: string;
  readonly examples: readonly string[];
  readonly expectedCount: number;
}

/** The three spec files' examples, extracted once; empty when the corpus is absent. */
export const SPEC_FILES: readonly SpecFile[] = existsSync(SPEC_DIR)
  ? [
      { prefix: '000', examples: fencedExamples(specFile('000')), expectedCount: 1 },
      { prefix: '003', examples: fencedExamples(specFile('003')), expectedCount: 7 },
      { prefix: '004', examples: unfencedExamples(specFile('004')), expectedCount: 9 },
    ]
  : [];

/** `CI` set (and not `false`): a missing corpus must fail the run, so CI never skips the examples silently. */
const ON_CI = (process.env['CI'] ?? '') !== '' && process.env['CI'] !== 'false';

export const MISSING_CORPUS = `the spec corpus is not at ${SPEC_DIR} (a shared/spec/ folder beside the repository): its JavaScript examples are not run`;

/**
 * A `describe` of the spec's examples. Without the corpus it holds one test instead, reported
 * as skipped with {@link MISSING_CORPUS} on the console, or failing with it under `CI`.
 */
export function describeSpecExamples(title: string, body: (files: readonly SpecFile[]) => void): void {
  describe(title, () => {
    if (SPEC_FILES.length > 0) {
      body(SPEC_FILES);
      return;
    }
    it('not run: the spec corpus is missing', (context) => {
      if (ON_CI) throw new Error(`CI is set, so the spec's examples must run, but the spec corpus is not at ${SPEC_DIR}: check out shared/spec/ beside the repository`);
      console.warn(`Not run: ${MISSING_CORPUS}.`);
      context.skip(MISSING_CORPUS);
    });
  });
}

/** A call on the simulator controller, as data, so a browser page can make it too. */
export type Step = { readonly call: 'advance'; readonly args: readonly [minutes: number] } | { readonly call: 'acceptToast'; readonly args: readonly [] };

/** What an example's text says it does. */
export interface Expectation {
  readonly says: string;
  readonly flow?: FlowName;
  readonly outcome?: Outcome;
  /** What the simulated user and clock do after the example ran. */
  readonly drive: readonly Step[];
  readonly log: readonly string[];
  /** A profile the device must already hold (the example's ICCID). */
  readonly dormantIccid?: string;
}

const LISTENED = ['Activation Success', 'Registration Successful!'];

const minutes = (n: number): Step[] => [{ call: 'advance', args: [n] }];
const acceptAfter = (n: number): Step[] => [...minutes(n), { call: 'acceptToast', args: [] }, ...minutes(1)];

export function expectationFor(example: string): Expectation {
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
  if (/notifyBalanceAddition\(/.test(example)) return { says: 'adds balance', flow: 'balanceAddition', outcome: 'balanceAdded', drive: [], log: [] };
  if (/notifyCancelledPurchase\(/.test(example)) return { says: 'reports a cancelled purchase', flow: 'cancelledPurchase', outcome: 'purchaseCancelled', drive: [], log: [] };
  if (/function onActivationComplete\(/.test(example)) return { says: "logs 'Activation Success' for a success", drive: [], log: ['Activation Success'] };
  if (/function onRegistrationChanged\(/.test(example)) return { says: "logs 'Registration Successful!' on the home network", drive: [], log: ['Registration Successful!'] };
  throw new Error(`no expectation for the example:\n${example}`);
}

/** Make the steps' calls on a simulator controller, in order, each awaited. */
export async function drive(sim: Pick<Simulator, Step['call']>, steps: readonly Step[]): Promise<void> {
  for (const step of steps) {
    if (step.call === 'advance') await sim.advance(...step.args);
    else sim.acceptToast(...step.args);
  }
}

/**
 * What the simulator is started with beyond the harness's defaults (`openPortalPage`'s): a
 * device already holding the example's ICCID. Plain data, so a browser page can take it.
 */
export function simulatorOptionsFor(expected: Expectation): Pick<SimulatorOptions, 'device'> {
  return expected.dormantIccid === undefined ? {} : { device: { profiles: [{ iccid: expected.dormantIccid }] } };
}

/** What the harness passes to a declared function: the listeners get a success. */
export const ARGUMENTS: Readonly<Record<string, string>> = {
  onActivationComplete: JSON.stringify(JSON.stringify({ activationResult: 'success', iccid: '8988247000101997790' })),
  onRegistrationChanged: JSON.stringify(JSON.stringify({ networkRegistrationState: 'home', iccid: '8988247000101997790' })),
};

export const declaredFunctions = (example: string): string[] => [...example.matchAll(/^\s*function (\w+)\(/gm)].map((m) => m[1] ?? '');
export const isListener = (example: string): boolean => declaredFunctions(example).some((name) => name in ARGUMENTS);

/** A classic script to run in the page, in order. */
export interface PageScript {
  readonly code: string;
  readonly filename: string;
}

/**
 * The scripts that run an example, in order: the listener functions of the same document first
 * (the hand-off examples name them), then the example itself, unchanged, then a call of each
 * function it declares.
 */
export function scriptsFor(file: SpecFile, index: number): PageScript[] {
  const example = file.examples[index] ?? '';
  const listeners = isListener(example) ? [] : file.examples.filter(isListener);
  return [
    ...listeners.map((code, i) => ({ code, filename: `${file.prefix}-listener-${i + 1}.js` })),
    { code: example, filename: `${file.prefix}-example-${index + 1}.js` },
    ...declaredFunctions(example).map((name) => ({ code: `${name}(${ARGUMENTS[name] ?? ''})`, filename: `${file.prefix}-call-${name}.js` })),
  ];
}

/** What a harness saw once an example ran and was driven. */
export interface Observed {
  /** What the page passed to `Log(...)`, in order. */
  readonly log: readonly string[];
  readonly operations: readonly OperationView[];
  readonly reportCount: number;
  readonly notices: readonly DiagnosticNotice[];
}

/** The example did what its text says. */
export function expectItDoes(observed: Observed, expected: Expectation): void {
  expect(observed.log).toEqual(expected.log);
  if (expected.flow === undefined) {
    expect(observed.operations).toEqual([]);
  } else {
    expect(observed.operations).toEqual([expect.objectContaining({ flow: expected.flow, live: false, outcome: expected.outcome })]);
    expect(observed.reportCount).toBe(1);
  }
  expect(observed.notices.filter((n) => n.diagnostic.severity === 'error')).toEqual([]);
}
