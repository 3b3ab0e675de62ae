import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli';
import type { TestPortalReport } from '../../src/cli/testPortal/report';

/* The playground's good portal through its journey (one browser), and the command's own argument checks (none). */

const dir = mkdtempSync(join(tmpdir(), 'test-portal-good-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mobile-plans test-portal on the good sample portal', () => {
  it('buys through its journey with no errors: an inline download, a later one after the toast, a balance addition', async () => {
    const { code, stdout } = await runCli('test-portal', 'playground/portal/good-portal.html', '--journey', 'playground/portal/good-portal.journey.mjs', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as TestPortalReport;
    expect(report).toMatchObject({ errors: 0, warnings: 0 });
    expect(report.handOffs.map((h) => [h.entryPoint, h.operation?.flow, h.operation?.outcome])).toEqual([
      ['MobilePlansInlineOperations.notifyProfileDownload', 'inlineDownload', 'connected'],
      ['MobilePlansInlineOperations.notifyProfileDownload', 'delayedDownload', 'connected'],
      ['MobilePlansInlineOperations.notifyBalanceAddition', 'balanceAddition', expect.any(String)],
    ]);
    expect(report.notes.join('\n')).toContain('the page starts the simulator itself');
  }, 90_000);
});

describe('mobile-plans test-portal arguments', () => {
  it('exits 2 for a portal that does not exist, a journey without a default function, or --journey with --click', async () => {
    expect((await runCli('test-portal', 'no/such/portal')).code).toBe(2);
    const journey = join(dir, 'empty.journey.mjs');
    writeFileSync(journey, 'export const expectHandOff = false;\n');
    const noDefault = await runCli('test-portal', 'playground/portal/spa', '--journey', journey);
    expect(noDefault).toMatchObject({ code: 2, stderr: expect.stringContaining('must export a default function') });
    const both = await runCli('test-portal', 'playground/portal/spa', '--journey', journey, '--click', '#buy');
    expect(both).toMatchObject({ code: 2, stderr: expect.stringContaining('either --journey or --click') });
  });
});
