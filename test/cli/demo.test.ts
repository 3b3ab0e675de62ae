import { describe, expect, it } from 'vitest';
import { FLOW_NAMES } from '../../machines/index';
import { runCli } from './runCli';

describe('mobile-plans demo', () => {
  it('runs every flow of the spec, with a failure, a cancel and a restart, in under 5 seconds', async () => {
    const started = performance.now();
    const { code, stdout, stderr } = await runCli('demo');
    const elapsed = performance.now() - started;
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(elapsed).toBeLessThan(5000);
    const headers = stdout.split('\n').filter((line) => line.startsWith('=== '));
    for (const flow of FLOW_NAMES) expect(headers.some((h) => h.includes(` ${flow}: `))).toBe(true);
    expect(stdout).toMatch(/ended in failed \(outcome failed, activationResult serverNotReachable\)/);
    expect(stdout).toMatch(/delayedDownload ended in cancelled/);
    expect(stdout).toContain('(host restarted: the persisted document is restored into a new host)');
    expect(stdout).not.toMatch(/without reaching a final state/);
    expect(stdout).toMatch(/10 runs covering 7 flows in \d+ ms of real time/);
  });

  it('prints one result per run as JSON lines with --json', async () => {
    const { code, stdout } = await runCli('demo', '--json');
    expect(code).toBe(0);
    const records = stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; final?: boolean });
    const results = records.filter((r) => r.type === 'result');
    expect(results).toHaveLength(10);
    expect(results.every((r) => r.final === true)).toBe(true);
    expect(records.at(-1)).toMatchObject({ type: 'summary', runs: 10, unfinished: 0 });
  });
});
