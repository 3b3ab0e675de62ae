import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli';
import type { PortalFinding, TestPortalReport } from '../../src/cli/testPortal/report';

/* The playground's portal with seeded mistakes, driven by its journey: one run, one browser. */

const PAGE = 'playground/portal/bad-portal.html';
const out = mkdtempSync(join(tmpdir(), 'test-portal-bad-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const run = runCli('test-portal', PAGE, '--journey', 'playground/portal/bad-portal.journey.mjs', '--json', '--junit', join(out, 'report.xml'));

/** The line of the page's source that contains `text`. */
function lineOf(text: string): number {
  const line = readFileSync(PAGE, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
  expect(line, `bad-portal.html has no line with ${text}`).toBeGreaterThan(0);
  return line;
}

describe('mobile-plans test-portal on the bad sample portal', () => {
  it('exits 1 and reports every seeded mistake with its file and line', async () => {
    const { code, stdout } = await run;
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as TestPortalReport;
    const at = (f: PortalFinding) => `${f.code}${f.field === undefined ? '' : `/${f.field}`} ${f.location?.file ?? '?'}:${f.location?.line ?? '?'}`;
    const hand = lineOf("notifyProfileDownload(metadata, '1$smdp.example.com$FABRIKAM-0001')");
    expect(report.findings.map(at).sort()).toEqual(
      [
        `unknownEnumValue/userAccount bad-portal.html:${hand}`,
        `planNameRequired/planName bad-portal.html:${hand}`,
        // The misnamed callback, once per operation that could not call it, at the line that named it.
        `invalidCallback/profileActivationCompleteScript bad-portal.html:${lineOf("profileActivationCompleteScript = 'onActivationCompleted'")}`,
        `invalidActivationCode/activationCode bad-portal.html:${lineOf("'smdp.example.com$FABRIKAM-0002'")}`,
        `invalidCallback/profileActivationCompleteScript bad-portal.html:${lineOf("profileActivationCompleteScript = 'onActivationCompleted'")}`,
        `callRefused/downloadDelay bad-portal.html:${lineOf('FABRIKAM-0003')}`,
        `pageError bad-portal.html:${lineOf('MobilePlan.notifyCancelledPurchase')}`,
        `planNameMustBeEmpty/planName bad-portal.html:${lineOf('MobilePlans.notifyCancelledPurchase(metadata)')}`,
        `payloadNotString/payload bad-portal.html:${lineOf('DataMart.notifyPurchaseResult({')}`,
        `transactionIdMismatch/transactionId bad-portal.html:${lineOf('DataMart.notifyPurchaseResult({')}`,
        `invalidIccid/iccid bad-portal.html:${lineOf("notifyBalanceAddition(metadata, '12345')")}`,
      ].sort(),
    );
    expect(report.findings.find((f) => f.code === 'pageError')?.message).toBe('ReferenceError: MobilePlan is not defined');
    expect(report).toMatchObject({ errors: 9, warnings: 2 });
  }, 90_000);

  it('never prints a matching ID from the page', async () => {
    const { stdout } = await run;
    expect(stdout).not.toMatch(/FABRIKAM-000[12]/);
  }, 90_000);

  it('writes JUnit XML with one test case per hand-off and per kind of finding, failing where errors are', async () => {
    const { stdout } = await run;
    const report = JSON.parse(stdout) as TestPortalReport;
    const xml = readFileSync(join(out, 'report.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml) as {
      testsuites: { testsuite: Array<{ testcase?: Array<{ '@_name': string; '@_classname': string; failure?: unknown }> }> };
    };
    const cases = parsed.testsuites.testsuite.flatMap((suite) => suite.testcase ?? []);
    const handOffCases = cases.filter((c) => c['@_classname'] === 'test-portal.handOff');
    const kindCases = cases.filter((c) => c['@_classname'] === 'test-portal.finding');
    expect(handOffCases).toHaveLength(report.handOffs.length);
    expect(kindCases.map((c) => c['@_name']).sort()).toEqual([...new Set(report.findings.map((f) => f.code))].sort());
    const failed = (name: string) => kindCases.find((c) => c['@_name'] === name)?.failure !== undefined;
    expect(failed('pageError') && failed('invalidIccid')).toBe(true);
    expect(failed('payloadNotString')).toBe(false); // a warning
  }, 90_000);
});
