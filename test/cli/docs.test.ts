import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './runCli';

describe('mobile-plans docs', () => {
  it('writes the generated documents into --out, which --check then finds fresh', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mobile-plans-docs-'));
    const written = await runCli('docs', '--out', out);
    expect(written.code).toBe(0);
    expect(existsSync(join(out, 'index.md'))).toBe(true);
    expect(existsSync(join(out, 'flows', 'delayedDownload.md'))).toBe(true);
    expect(written.stdout).toMatch(/generated \d+ documents/);
    const checked = await runCli('docs', '--out', out, '--check');
    expect(checked).toMatchObject({ code: 0, stdout: 'docs are fresh\n' });
  });

  it('exits 1 naming every missing document when --check finds an empty folder', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mobile-plans-docs-'));
    const { code, stdout } = await runCli('docs', '--out', out, '--check');
    expect(code).toBe(1);
    expect(stdout).toContain('stale: index.md (missing)');
  });
});
