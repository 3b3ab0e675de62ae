import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli';
import type { TestPortalReport } from '../../src/cli/testPortal/report';

/* A run that sees no hand-off is not a pass (issue 19's false pass). One run, one browser. */

describe('mobile-plans test-portal when the page hands nothing off', () => {
  it('reports noHandOff as an error and exits 1 when the page is only loaded', async () => {
    const { code, stdout } = await runCli('test-portal', 'playground/portal/spa', '--json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as TestPortalReport;
    expect(report.handOffs).toEqual([]);
    expect(report.findings).toEqual([expect.objectContaining({ severity: 'error', code: 'noHandOff', message: expect.stringContaining('expectHandOff = false') })]);
  }, 90_000);
});
