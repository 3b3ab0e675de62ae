/**
 * What one `test-portal` run found, and how it is read: every hand-off with the operation it
 * started, the callbacks the page received and the findings raised in it or for its operation;
 * findings outside any hand-off; screenshots. Errors decide the exit code.
 */
import type { OperationView } from '../../host/host';
import { formatLocation, type SourceLocation } from './locations';

/** One problem, with where in the portal's code it comes from. */
export interface PortalFinding {
  readonly severity: 'error' | 'warning';
  /**
   * A diagnostic code of the bridge or the simulated host (`invalidActivationCode`,
   * `invalidCallback`, ...), or one of the browser's: `pageError`, `consoleError`,
   * `httpError`, `requestFailed`, `journeyError`, `clickFailed`, `noHandOff`.
   */
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly entryPoint: string | null;
  readonly operationId: string | null;
  /** The portal code that made the call or raised the error; null when the browser gave none. */
  readonly location: SourceLocation | null;
  /** The hand-off it belongs to (its `index`), or null. */
  readonly handOff: number | null;
}

/** A callback script the page received. */
export interface ReceivedCallback {
  readonly operationId: string;
  readonly script: string;
  readonly args: string;
}

/** One call of a Mobile Plans entry point. */
export interface PortalHandOff {
  readonly index: number;
  readonly entryPoint: string;
  readonly operationId: string | null;
  /** What the host answered: `returns op-1`, `was refused (...); nothing started`, ... */
  readonly reply: string;
  readonly location: SourceLocation | null;
  /** The operation at the end of the run, when the call started or named one. */
  readonly operation: OperationView | null;
  readonly callbacks: readonly ReceivedCallback[];
  readonly findings: readonly PortalFinding[];
  /** The screenshot taken just after the call, when screenshots were asked for. */
  readonly screenshot: string | null;
}

/** Everything one run found. */
export interface TestPortalReport {
  /** What was tested: the URL, or the file or folder given. */
  readonly target: string;
  /** The address the page was opened at, launch parameters included. */
  readonly launchUrl: string;
  readonly journey: string | null;
  readonly handOffs: readonly PortalHandOff[];
  /** Every finding, in the order they happened (those of hand-offs too). */
  readonly findings: readonly PortalFinding[];
  readonly operations: readonly OperationView[];
  readonly callbacks: readonly ReceivedCallback[];
  readonly screenshots: readonly string[];
  /** Things worth knowing that are not problems (the page started its own simulator, ...). */
  readonly notes: readonly string[];
  readonly errors: number;
  readonly warnings: number;
}

/** The report as text: the run, one block per hand-off, the other findings, the summary line. */
export function formatTestPortalReport(report: TestPortalReport): string {
  const lines = [`test-portal ${report.target}`, `  opened ${report.launchUrl}`];
  if (report.journey !== null) lines.push(`  journey ${report.journey}`);
  for (const note of report.notes) lines.push(`  note: ${note}`);
  for (const handOff of report.handOffs) {
    lines.push('', `hand-off ${handOff.index}: ${handOff.entryPoint} ${handOff.reply}${at(handOff.location)}`);
    const op = handOff.operation;
    if (op !== null) lines.push(`  ${op.id} ${op.flow} ${op.live ? 'stopped in' : 'ended in'} ${op.state}${op.outcome === undefined ? '' : ` (${op.outcome})`}`);
    for (const callback of handOff.callbacks) lines.push(`  callback ${callback.script} ${callback.args}`);
    for (const finding of handOff.findings) lines.push(`  ${findingLine(finding)}`);
    if (handOff.screenshot !== null) lines.push(`  screenshot ${handOff.screenshot}`);
  }
  const outside = report.findings.filter((finding) => finding.handOff === null);
  if (outside.length > 0) lines.push('', 'outside any hand-off:', ...outside.map((finding) => `  ${findingLine(finding)}`));
  if (report.screenshots.length > 0) lines.push('', `screenshots: ${report.screenshots.length} (last: ${report.screenshots.at(-1) ?? ''})`);
  lines.push('', `${count(report.errors, 'error')}, ${count(report.warnings, 'warning')} in ${count(report.handOffs.length, 'hand-off')}`);
  return `${lines.join('\n')}\n`;
}

/** One finding as a line: severity, code, field, message, where. */
export function findingLine(finding: PortalFinding): string {
  return `${finding.severity.padEnd(7)} ${finding.code}${finding.field === undefined ? '' : ` (${finding.field})`}: ${finding.message}${at(finding.location)}`;
}

function at(location: SourceLocation | null): string {
  if (location === null) return '';
  return ` at ${formatLocation(location)}${location.generated === undefined ? '' : ` (${location.generated})`}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
