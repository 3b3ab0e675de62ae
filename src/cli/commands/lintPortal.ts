import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { EXIT, UsageError } from '../io';
import { LINT_ORIGIN, lintPortal, type LintFinding, type LintReport } from '../lint/lintPortal';
import { portalSource } from '../lint/scripts';
import type { CommandContext } from './context';

const EXAMPLES = `
The portal's code runs in a page-like node:vm context at ${LINT_ORIGIN} (allowed host
portal.example.com) with the Mobile Plans simulator installed. Every zero-argument function the
scripts declare at top level is called in a fresh simulator; the virtual clock then runs until
its operations end (toasts accepted), so callbacks fire. For .html, inline <script>s run in
order; external scripts are not fetched.

Examples:
  $ mobile-plans lint-portal playground/portal/good-portal.html
  $ mobile-plans lint-portal playground/portal/bad-portal.html     # exits 1: seeded mistakes
  $ mobile-plans lint-portal my-portal.js --json

Exit status: 0 when no errors were found (warnings allowed), 1 with errors, 2 on bad arguments.`;

/** `mobile-plans lint-portal <file>`: run a portal's hand-offs against the simulator and list every problem. */
export function addLintPortalCommand(program: Command, ctx: CommandContext): void {
  program
    .command('lint-portal')
    .description("run an operator portal's hand-off functions against the simulator and print every diagnostic")
    .argument('<file>', 'the portal page (.html: inline scripts) or script (.js)')
    .option('--json', 'print the report as one JSON document')
    .addHelpText('after', EXAMPLES)
    .action(async (file: string, options: { json?: boolean }) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
      let source;
      try {
        source = portalSource(file, text);
      } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
      }
      const report = await lintPortal(source);
      ctx.io.stdout(options.json === true ? `${JSON.stringify({ file, ...report }, null, 2)}\n` : formatLintReport(file, report));
      ctx.setExitCode(report.errors > 0 ? EXIT.failed : EXIT.ok);
    });
}

/** The report as text: one block per hand-off, then the summary line. */
export function formatLintReport(file: string, report: LintReport): string {
  const lines = [`lint-portal ${file}: ${report.scripts.length} script(s) at ${report.origin}`];
  for (const skipped of report.skipped) lines.push(`  skipped ${skipped}`);
  for (const finding of report.loadFindings) lines.push(`  ${findingLine(finding)}`);
  for (const run of report.handOffs) {
    lines.push('', run.name);
    if (run.operations.length === 0) lines.push('  started no operation');
    for (const op of run.operations) lines.push(`  ${op.id} ${op.flow} ${op.live ? 'stopped in' : 'ended in'} ${op.state}${op.outcome === undefined ? '' : ` (${op.outcome})`}`);
    for (const cb of run.callbacks) lines.push(`  callback ${cb.script} ${cb.args}`);
    for (const finding of run.findings) lines.push(`  ${findingLine(finding)}`);
  }
  if (report.otherFunctions.length > 0) lines.push('', `called, no hand-off: ${report.otherFunctions.join(', ')}`);
  lines.push('', `${count(report.errors, 'error')}, ${count(report.warnings, 'warning')} in ${count(report.handOffs.length, 'hand-off')}`);
  return `${lines.join('\n')}\n`;
}

function findingLine(f: LintFinding): string {
  const where = [f.entryPoint, f.operationId].filter((part) => part !== null).join(' ');
  const at = f.location === undefined ? '' : ` at ${f.location.file}:${f.location.line}:${f.location.column}`;
  return `${f.severity.padEnd(7)} ${f.code}${f.field === undefined ? '' : ` (${f.field})`}: ${f.message}${where === '' ? '' : ` [${where}]`}${at}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
