import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './runCli';

const GOOD = 'playground/portal/good-portal.html';
const BAD = 'playground/portal/bad-portal.html';

function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lint-portal-')), name);
  writeFileSync(file, text);
  return file;
}

describe('mobile-plans lint-portal', () => {
  it('finds nothing wrong in the good sample portal and exercises its seven hand-offs', async () => {
    const { code, stdout } = await runCli('lint-portal', GOOD);
    expect(code).toBe(0);
    expect(stdout).toContain('0 errors, 0 warnings in 7 hand-offs');
    expect(stdout).toContain('buyInstallLater()\n  op-1 delayedDownload ended in connected (connected)');
    expect(stdout).toContain('callback profileActivationComplete {"activationResult":"success"');
    expect(stdout).toContain('skipped <script src="/mobile-plans-sim.js"> (external scripts are not fetched)');
  });

  it('finds every seeded mistake in the bad sample portal and exits 1', async () => {
    const { code, stdout } = await runCli('lint-portal', BAD);
    expect(code).toBe(1);
    const block = (name: string) => stdout.split('\n\n').find((b) => b.startsWith(`${name}()`)) ?? '';
    expect(block('buyInline')).toMatch(/error {3}unknownEnumValue \(userAccount\): userAccount "Brand new"/);
    expect(block('buyInline')).toMatch(/error {3}planNameRequired \(planName\)/);
    expect(block('buyInline')).toMatch(/error {3}invalidCallback \(profileActivationCompleteScript\): .*"onActivationCompleted"/);
    expect(block('buyWithBadCode')).toMatch(/error {3}invalidActivationCode \(activationCode\)/);
    expect(block('buyInstallLater')).toMatch(/error {3}callRefused \(downloadDelay\): .*negative/);
    expect(block('buyInstallLater')).toContain('started no operation');
    expect(block('cancelWithTypo')).toContain('ReferenceError: MobilePlan is not defined');
    expect(block('cancelKeepingPlanName')).toMatch(/error {3}planNameMustBeEmpty/);
    expect(block('legacyResultAsObject')).toMatch(/warning payloadNotString/);
    expect(block('addBalanceToBadIccid')).toMatch(/error {3}invalidIccid/);
    expect(stdout.trim().split('\n').at(-1)).toBe('9 errors, 1 warning in 7 hand-offs');
  });

  it('names the file and line of every finding in the bad sample portal', async () => {
    const { stdout } = await runCli('lint-portal', BAD);
    const lines = readFileSync(BAD, 'utf8').split('\n');
    const lineOf = (text: string) => lines.findIndex((line) => line.includes(text)) + 1;
    const findings = stdout.split('\n').filter((line) => /^ {2}(error|warning)/.test(line));
    expect(findings).toHaveLength(10);
    for (const finding of findings) expect(finding).toMatch(/ at bad-portal\.html:\d+:\d+$/);
    const at = (code: string) => findings.find((line) => line.includes(` ${code}`))?.match(/:(\d+):\d+$/)?.[1];
    expect(Number(at('invalidActivationCode'))).toBe(lineOf("'smdp.example.com$FABRIKAM-0002'"));
    expect(Number(at('threw'))).toBe(lineOf('MobilePlan.notifyCancelledPurchase'));
    expect(Number(at('invalidIccid'))).toBe(lineOf("notifyBalanceAddition(metadata, '12345')"));
  });

  it('says plainly that it saw no hand-off, points to test-portal and exits 1', async () => {
    const file = tempFile('listeners.html', `<button id="buy">Buy</button><script>
      document.getElementById('buy').addEventListener('click', () => MobilePlans.notifyCancelledPurchase({}));
    </script>`);
    const { code, stdout } = await runCli('lint-portal', file);
    expect(code).toBe(1);
    expect(stdout).toMatch(/error {3}noHandOffSeen: lint-portal saw no hand-off, so it checked nothing: .*addEventListener.* mobile-plans test-portal/);
    expect(stdout).not.toContain('0 errors');
  });

  it('never prints a matching ID from the portal code', async () => {
    const { stdout } = await runCli('lint-portal', BAD, '--json');
    expect(stdout).not.toContain('FABRIKAM-0001');
    expect(stdout).not.toContain('FABRIKAM-0002');
  });

  it('reports the report as JSON with --json', async () => {
    const { code, stdout } = await runCli('lint-portal', GOOD, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { errors: number; warnings: number; handOffs: Array<{ name: string }> };
    expect(report).toMatchObject({ errors: 0, warnings: 0 });
    expect(report.handOffs.map((h) => h.name)).toEqual([
      'buyInline()', 'buyInstallLater()', 'cancelInstallLater()', 'buyConnectLater()', 'buyProfileLater()', 'addBalance()', 'cancelPurchase()',
    ]);
  });

  it('lints a .js file, including hand-offs made while the script loads', async () => {
    const file = tempFile('portal.js', `
      MobilePlans.notifyCancelledPurchase({ moDirectStatus: 'Complete', planName: '' });
      const finish = () => DataMart.notifyPurchaseDelayedProfile({ moDirectStatus: 'Complete', planName: 'P' }, 'soon');
      function helper() { return 1; }
    `);
    const { code, stdout } = await runCli('lint-portal', file);
    expect(code).toBe(1);
    expect(stdout).toMatch(/\(page load\)\n {2}op-1 cancelledPurchase ended in purchaseCancelled/);
    expect(stdout).toMatch(/finish\(\)\n {2}started no operation\n {2}error {3}callRefused \(profileDownloadDelayInterval\)/);
    expect(stdout).toContain('called, no hand-off: helper()');
  });

  it('reports a script that does not parse as an error', async () => {
    const file = tempFile('broken.html', '<script>function buy( {</script>');
    const { code, stdout } = await runCli('lint-portal', file);
    expect(code).toBe(1);
    expect(stdout).toMatch(/error {3}scriptError: broken\.html <script> #1 failed while loading: SyntaxError/);
  });

  it('stops a portal function that never returns', async () => {
    const file = tempFile('loop.js', 'function spin() { MobilePlans.notifyCancelledPurchase({}); while (true) {} }');
    const { code, stdout } = await runCli('lint-portal', file);
    expect(code).toBe(1);
    expect(stdout).toMatch(/spin\(\)[\s\S]*threw: the function threw: Error: Script execution timed out/);
  });

  it('refuses a file it cannot read, or of another kind, with exit code 2', async () => {
    expect((await runCli('lint-portal', 'no/such/portal.html')).code).toBe(2);
    const css = await runCli('lint-portal', tempFile('style.css', 'body {}'));
    expect(css.code).toBe(2);
    expect(css.stderr).toContain('give an .html or .js file');
  });
});
