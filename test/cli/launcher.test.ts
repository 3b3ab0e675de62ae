import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { run } from '../../src/cli/main';

/* The compiled bin (bin/mobile-plans.js → dist/cli.js) is run from the packed tarball by scripts/check-package.ts. */
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const COMMANDS = ['simulate', 'demo', 'lint-portal'];

describe('the mobile-plans launcher', () => {
  it('runs the CLI sources through tsx when started as a real process (npm run cli)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', MAIN, '--help'], { timeout: 20_000 });
    expect(stdout).toContain('Usage: mobile-plans [options] [command]');
    for (const command of COMMANDS) expect(stdout).toContain(command);
  });

  it('has no docs command: that is the repository script npm run docs, which never writes into node_modules', async () => {
    let err = '';
    const code = await run(['docs'], { stdout: () => {}, stderr: (t) => void (err += t) });
    expect(code).toBe(2);
    expect(err).toContain("unknown command 'docs'");
  });

  it('prints the package version with --version', async () => {
    let out = '';
    const code = await run(['--version'], { stdout: (t) => void (out += t), stderr: () => {} });
    expect(code).toBe(0);
    expect(out).toBe(`${packageJson.version}\n`);
  });

  it('shows help with examples for every command', async () => {
    for (const command of COMMANDS) {
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
