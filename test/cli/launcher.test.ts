import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';

const BIN = fileURLToPath(new URL('../../bin/mobile-plans.js', import.meta.url));

describe('the mobile-plans launcher', () => {
  it('runs the TypeScript CLI through tsx when started as a real process', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, '--help'], { timeout: 20_000 });
    expect(stdout).toContain('Usage: mobile-plans [options] [command]');
    for (const command of ['simulate', 'demo', 'lint-portal', 'docs']) expect(stdout).toContain(command);
  });

  it('shows help with examples for every command', async () => {
    for (const command of ['simulate', 'demo', 'lint-portal', 'docs']) {
      let out = '';
      const code = await run([command, '--help'], { stdout: (t) => void (out += t), stderr: () => {} });
      expect(code).toBe(0);
      expect(out).toContain(`Usage: mobile-plans ${command}`);
      expect(out).toContain(`Examples:\n  $ mobile-plans ${command}`);
    }
  });

  it('exits 2 on an unknown command', async () => {
    let err = '';
    const code = await run(['teleport'], { stdout: () => {}, stderr: (t) => void (err += t) });
    expect(code).toBe(2);
    expect(err).toContain("unknown command 'teleport'");
  });
});
