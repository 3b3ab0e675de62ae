import type { DiagnosticNotice, Report } from '../core/commands';
import { maskActivationCodesIn } from '../domain/activationCode';
import type { Effects } from '../host/effects';

/** Where the reporter writes: a stream (`process.stderr`, a file stream) or anything with `write`. */
export interface LineSink {
  /** Called with one whole line, newline included. */
  write(line: string): unknown;
}

/** How the reporter writes. */
export interface ConsoleReporterOptions {
  /** `text`: one readable line per report or diagnostic (the default); `jsonl`: one JSON object per line. */
  readonly format?: 'text' | 'jsonl';
  /** Default `process.stderr`. */
  readonly stream?: LineSink;
  /** The time written on each line, epoch ms; default `Date.now`. */
  readonly now?: () => number;
}

/** The two logging effects of a host. */
export type ConsoleReporter = Pick<Effects, 'report' | 'diagnostic'>;

/**
 * `report` and `diagnostic` effects that write one line each to a stream, readable (`text`) or
 * as JSON lines (`jsonl`: `{"time","type":"report","report":{…}}` and
 * `{"time","type":"diagnostic","notice":{…}}`). Every line goes through the core's masking
 * before it is written: anything shaped like an activation code shows its address with the
 * matching ID as `***`, even where an effect's message or the portal's metadata carried one in
 * clear. A stream that throws loses the line, never the host.
 *
 * @example
 * const { report, diagnostic } = consoleReporter({ format: 'jsonl', stream: process.stderr });
 * const host = createHost({ effects: { ...effects, report, diagnostic } });
 */
export function consoleReporter(options: ConsoleReporterOptions = {}): ConsoleReporter {
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'jsonl') throw new TypeError(`consoleReporter: format must be 'text' or 'jsonl', got ${JSON.stringify(format)}`);
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => Date.now());
  const emit = (line: string): void => {
    try {
      stream.write(`${maskActivationCodesIn(line)}\n`);
    } catch {
      // Logging must never take the host down.
    }
  };
  const time = (): string => new Date(now()).toISOString();
  return {
    report(report) {
      emit(format === 'jsonl' ? JSON.stringify({ time: time(), type: 'report', report }) : `${time()} ${reportText(report)}`);
    },
    diagnostic(notice) {
      emit(format === 'jsonl' ? JSON.stringify({ time: time(), type: 'diagnostic', notice }) : `${time()} ${diagnosticText(notice)}`);
    },
  };
}

function reportText(report: Report): string {
  const parts = [`report ${report.operationId} ${report.flow} ${report.outcome}`];
  if (report.activationResult !== null) parts.push(`activation=${report.activationResult}`);
  if (report.activationCode !== null) parts.push(`code=${report.activationCode}`);
  if (report.iccid !== null) parts.push(`iccid=${report.iccid}`);
  if (report.registrationState !== null) parts.push(`registration=${report.registrationState}`);
  if (report.transactionId !== null) parts.push(`transaction=${JSON.stringify(report.transactionId)}`);
  parts.push(`entry=${report.entryPoint}`, `took=${((report.endedAt - report.startedAt) / 1000).toFixed(1)}s`);
  if (report.diagnostics.length > 0) parts.push(`diagnostics=${report.diagnostics.map((d) => d.code).join(',')}`);
  return parts.join(' ');
}

function diagnosticText(notice: DiagnosticNotice): string {
  const { diagnostic } = notice;
  const where = [notice.operationId, notice.entryPoint].filter((part) => part !== null).join(' ');
  return `${diagnostic.severity} ${diagnostic.code}${where === '' ? '' : ` ${where}`}${diagnostic.field === undefined ? '' : ` ${diagnostic.field}`}: ${diagnostic.message}`;
}
