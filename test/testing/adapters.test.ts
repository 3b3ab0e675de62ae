import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { conformanceCoverage } from './kit';

/*
 * The node:test adapter of docs/testing.md is real: `node --test` runs the example file (through
 * tsx, as a user's TypeScript test would run) and every case it registers passes. The coverage
 * table the page shows is the kit's own.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLE = 'docs/examples/conformance-node-test.ts';

describe('the node:test adapter', () => {
  it('registers the cases of the example with node:test, which runs them all and passes', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', EXAMPLE], { cwd: ROOT, timeout: 120_000 });
    const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(stdout)?.[1]);
    expect(count('pass')).toBeGreaterThan(100);
    expect(count('fail')).toBe(0);
    expect(stdout).toMatch(/^# delayedDownload +\d+ +\d+ +15\/15 \(100%\) +25\/25 \(100%\)$/m);
    expect(stdout).toMatch(/^ {4}ok \d+ - delayedDownload, valid code, delay 15: ends in \w+: operation\.start → timer\.fired → /m);
  }, 120_000);
});

describe('docs/testing.md', () => {
  it("shows the coverage table the kit prints for its default cases", () => {
    const page = readFileSync(`${ROOT}docs/testing.md`, 'utf8');
    const table = conformanceCoverage().table.split('\n').slice(1).join('\n');
    expect(page).toContain(table);
  });
});
