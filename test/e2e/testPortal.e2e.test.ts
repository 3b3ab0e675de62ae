import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli';
import type { TestPortalReport } from '../../src/cli/testPortal/report';

/* The single-page sample bought through its journey in headless Chromium: one run, one browser. */

const out = mkdtempSync(join(tmpdir(), 'test-portal-spa-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const JOURNEY = 'playground/portal/spa.journey.mjs';
const run = runCli('test-portal', 'playground/portal/spa', '--journey', JOURNEY, '--json', '--junit', join(out, 'report.xml'), '--screenshots', join(out, 'shots'));

describe('mobile-plans test-portal on the single-page sample with its journey', () => {
  it('exits 0 with one operation per hand-off, started from the click handler in app.js', async () => {
    const { code, stdout, stderr } = await run;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as TestPortalReport;
    expect(report).toMatchObject({ errors: 0, warnings: 0 });
    expect(report.handOffs).toHaveLength(1);
    expect(report.operations).toHaveLength(report.handOffs.length);
    const [handOff] = report.handOffs;
    expect(handOff).toMatchObject({ entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', operationId: 'op-1', operation: { flow: 'inlineDownload', state: 'connected', live: false } });
    const handOffLine = readFileSync('playground/portal/spa/app.js', 'utf8').split('\n').findIndex((line) => line.includes('.notifyProfileDownload(')) + 1;
    expect(handOff?.location).toMatchObject({ file: 'app.js', line: handOffLine });
    expect(report.launchUrl).toMatch(/[?&]transactionId=TX-TEST-PORTAL-0001/);
  }, 90_000);

  it('lists the callbacks the page received, with no matching ID in the report', async () => {
    const { stdout } = await run;
    const report = JSON.parse(stdout) as TestPortalReport;
    expect(report.handOffs[0]?.callbacks.map((c) => [c.script, JSON.parse(c.args)])).toEqual([
      ['profileActivationComplete', { activationResult: 'success', iccid: expect.stringMatching(/^89/) }],
      ['registrationChanged', { networkRegistrationState: 'searching', iccid: expect.stringMatching(/^89/) }],
      ['registrationChanged', { networkRegistrationState: 'home', iccid: expect.stringMatching(/^89/) }],
    ]);
    expect(stdout).not.toContain('NORTHWIND-ORDER-0001');
  }, 90_000);

  it('writes a PNG screenshot after the hand-off and one at the end', async () => {
    await run;
    const shots = readdirSync(join(out, 'shots')).sort();
    expect(shots).toEqual(['01-hand-off-1-op-1.png', '02-end.png']);
    for (const shot of shots) expect(readFileSync(join(out, 'shots', shot)).subarray(1, 4).toString()).toBe('PNG');
  }, 90_000);

  it('writes valid JUnit XML with one test case per hand-off', async () => {
    await run;
    const xml = readFileSync(join(out, 'report.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml) as {
      testsuites: { testsuite: Array<{ '@_name': string; testcase?: Array<{ '@_name': string; failure?: unknown }> }> };
    };
    const cases = parsed.testsuites.testsuite.flatMap((suite) => suite.testcase ?? []);
    expect(cases.map((c) => c['@_name'])).toEqual(['hand-off 1: MobilePlansInlineOperations.notifyProfileDownload op-1 inlineDownload → connected']);
    expect(cases.every((c) => c.failure === undefined)).toBe(true);
  }, 90_000);

  it('is the journey docs/simulator.md shows, as written', () => {
    const doc = readFileSync('docs/simulator.md', 'utf8');
    expect(doc).toContain(`\`\`\`js\n// ${JOURNEY}\n${readFileSync(JOURNEY, 'utf8')}\`\`\``);
  });
});
