import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli';
import type { TestPortalReport } from '../../src/cli/testPortal/report';

/* A portal that ships a minified bundle with its source map: findings name the original lines. One run, one browser. */

const site = mkdtempSync(join(tmpdir(), 'test-portal-maps-'));
afterAll(() => rmSync(site, { recursive: true, force: true }));

const CHECKOUT = [
  "export function buy(): void {",
  "  const metadata = MobilePlans.createPurchaseMetaData();",
  "  metadata.moDirectStatus = 'Complete';",
  "  metadata.planName = '';",
  "  console.error('checkout: the plan has no name');",
  "  MobilePlansInlineOperations.notifyProfileDownload(metadata, '1$smdp.example.com$MAPPED-0001');",
  '}',
  'declare const MobilePlans: { createPurchaseMetaData(): Record<string, string> };',
  'declare const MobilePlansInlineOperations: { notifyProfileDownload(m: object, code: string): unknown };',
].join('\n');

async function writeSite(): Promise<void> {
  mkdirSync(join(site, 'src'));
  writeFileSync(join(site, 'src', 'checkout.ts'), CHECKOUT);
  writeFileSync(join(site, 'src', 'main.ts'), "import { buy } from './checkout';\ndocument.getElementById('buy')!.addEventListener('click', () => buy());\n");
  await build({ entryPoints: [join(site, 'src', 'main.ts')], bundle: true, minify: true, sourcemap: 'linked', format: 'iife', outfile: join(site, 'dist', 'app.js'), logLevel: 'silent' });
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>mapped</title><button id="buy">Buy</button><script src="/dist/app.js"></script>');
}

const run = writeSite().then(() => runCli('test-portal', site, '--click', '#buy', '--json'));

describe('test-portal through source maps', () => {
  it('names the original TypeScript line of a diagnostic and of a console error, and where the browser ran it', async () => {
    const { code, stdout, stderr } = await run;
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as TestPortalReport;
    const lineOf = (text: string) => CHECKOUT.split('\n').findIndex((line) => line.includes(text)) + 1;
    expect(report.handOffs[0]?.location).toMatchObject({ file: 'src/checkout.ts', line: lineOf('notifyProfileDownload('), generated: expect.stringMatching(/^dist\/app\.js:1:\d+$/) });
    expect(report.findings.find((f) => f.code === 'planNameRequired')?.location).toMatchObject({ file: 'src/checkout.ts', line: lineOf('notifyProfileDownload(') });
    expect(report.findings.find((f) => f.code === 'consoleError')).toMatchObject({ message: 'checkout: the plan has no name', location: { file: 'src/checkout.ts', line: lineOf('console.error') } });
    expect(stdout).not.toContain('MAPPED-0001');
  }, 90_000);
});
