import { redactCommand, type CallbackScript, type Command, type DiagnosticNotice, type Report } from '../../core/commands';
import { Redactor } from './redact';

/** What a trace entry records. */
export type TraceKind = 'command' | 'callback' | 'report' | 'diagnostic' | 'user' | 'device';

/** One line of the simulated device's timeline. Nothing in it holds a matching ID. */
export interface TraceEntry {
  /** Virtual epoch milliseconds. */
  readonly at: number;
  readonly kind: TraceKind;
  readonly operationId?: string;
  /** One readable line. */
  readonly summary: string;
  /** The redacted command, callback, report or notice, when there is one. */
  readonly data?: unknown;
}

/** How a trace is made. */
export interface TraceOptions {
  /** The clock entries are stamped with. */
  readonly now: () => number;
  /** The time `format` counts from (default: the time at creation). */
  readonly origin?: number;
  /** Masks codes and secrets; share the device's so secrets it learns are masked here too. */
  readonly redactor?: Redactor;
  /** Told about every entry as it is recorded (e.g. to print a live timeline). */
  readonly onEntry?: (entry: TraceEntry) => void;
}

/**
 * The recorded timeline of a simulated device: every command the host executed through the
 * device, every portal callback, report, diagnostic, user action and device event, in order,
 * with virtual times. Every entry is redacted on the way in: commands through `redactCommand`,
 * every text through activation-code masking and the secrets the device has seen.
 *
 * @example
 * const trace = new Trace({ now: () => clock.now() });
 * trace.command({ type: 'lpa.download', operationId: 'op-1', activationCode: '1$smdp.example.com$X-1', confirmationCode: null });
 * trace.entries()[0]?.summary; // 'lpa.download 1$smdp.example.com$***'
 */
export class Trace {
  readonly #now: () => number;
  readonly #origin: number;
  readonly #redactor: Redactor;
  readonly #onEntry: ((entry: TraceEntry) => void) | undefined;
  #entries: TraceEntry[] = [];

  /** @param options - the clock, and optionally the redactor and a listener */
  constructor(options: TraceOptions) {
    this.#now = options.now;
    this.#origin = options.origin ?? options.now();
    this.#redactor = options.redactor ?? new Redactor();
    this.#onEntry = options.onEntry;
  }

  /** The redactor every entry passes through. */
  get redactor(): Redactor {
    return this.#redactor;
  }

  /**
   * Record an entry, redacted.
   *
   * @param kind - what it records
   * @param summary - one readable line
   * @param details - the operation it concerns and structured data
   */
  record(kind: TraceKind, summary: string, details: { operationId?: string | null; data?: unknown } = {}): TraceEntry {
    const entry: TraceEntry = {
      at: this.#now(),
      kind,
      ...(details.operationId === undefined || details.operationId === null ? {} : { operationId: this.#redactor.text(details.operationId) }),
      summary: this.#redactor.text(summary),
      ...(details.data === undefined ? {} : { data: this.#redactor.value(details.data) }),
    };
    this.#entries.push(entry);
    this.#onEntry?.(entry);
    return entry;
  }

  /** A command the host executed through the device (rebuilt from the effect call). */
  command(command: Command): TraceEntry {
    const safe = redactCommand(command);
    return this.record('command', summarizeCommand(safe), { operationId: operationOf(safe), data: safe });
  }

  /** A portal callback with its JSON argument. */
  callback(operationId: string, script: CallbackScript, args: string): TraceEntry {
    return this.record('callback', `${script} ${args}`, { operationId, data: { script, args } });
  }

  /** An operation's report. */
  report(report: Report): TraceEntry {
    const result = report.activationResult === null ? '' : ` (${report.activationResult})`;
    return this.record('report', `${report.flow} ${report.outcome}${result}`, { operationId: report.operationId, data: report });
  }

  /** A diagnostic from the host. */
  diagnostic(notice: DiagnosticNotice): TraceEntry {
    const { diagnostic } = notice;
    const where = notice.entryPoint === null ? '' : ` in ${notice.entryPoint}`;
    return this.record('diagnostic', `${diagnostic.severity} ${diagnostic.code}${where}: ${diagnostic.message}`, { operationId: notice.operationId, data: notice });
  }

  /** Something the simulated user did. */
  user(operationId: string | null, summary: string, data?: unknown): TraceEntry {
    return this.record('user', summary, data === undefined ? { operationId } : { operationId, data });
  }

  /** Something the simulated device did on its own (a timer fired, a profile installed, a registration change). */
  device(operationId: string | null, summary: string, data?: unknown): TraceEntry {
    return this.record('device', summary, data === undefined ? { operationId } : { operationId, data });
  }

  /** Every entry so far, in order; only those of `kind` when given. */
  entries(kind?: TraceKind): TraceEntry[] {
    return kind === undefined ? [...this.#entries] : this.#entries.filter((entry) => entry.kind === kind);
  }

  /** The entries about one operation. */
  of(operationId: string): TraceEntry[] {
    return this.#entries.filter((entry) => entry.operationId === operationId);
  }

  /** Forget every entry. */
  clear(): void {
    this.#entries = [];
  }

  /** The timeline as text, one entry a line: `+0:01:30.000 command op-1 lpa.download 1$smdp.example.com$***`. */
  format(): string {
    return this.#entries
      .map((entry) => [formatOffset(entry.at - this.#origin), entry.kind, entry.operationId ?? '-', entry.summary].join(' '))
      .join('\n');
  }

  /** A trace serializes as its entries. */
  toJSON(): TraceEntry[] {
    return this.entries();
  }
}

/**
 * A virtual-time offset as `+h:mm:ss.mmm` (negative offsets with `-`).
 *
 * @param ms - milliseconds from the trace's origin
 * @example formatOffset(90_000) // '+0:01:30.000'
 */
export function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(Math.round(ms));
  const hours = Math.floor(abs / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const seconds = Math.floor((abs % 60_000) / 1000);
  const millis = abs % 1000;
  return `${sign}${hours}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(millis, 3)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function operationOf(command: Command): string | null {
  switch (command.type) {
    case 'scheduler.set':
    case 'scheduler.clear':
      return command.timerId;
    case 'report':
      return command.report.operationId;
    case 'diagnostic':
      return command.notice.operationId;
    default:
      return command.operationId;
  }
}

/**
 * One readable line for a (redacted) command.
 *
 * @param command - a command, already passed through `redactCommand`
 * @example summarizeCommand({ type: 'ui.progress', operationId: 'op-1', stage: 'downloading', percent: 50 }) // 'ui.progress downloading 50%'
 */
export function summarizeCommand(command: Command): string {
  switch (command.type) {
    case 'lpa.download':
      return `lpa.download ${command.activationCode}${command.confirmationCode === null ? '' : ' with a confirmation code'}`;
    case 'lpa.discover':
      return 'lpa.discover';
    case 'lpa.enable':
    case 'lpa.queryProfile':
    case 'modem.register':
      return `${command.type} ${command.iccid}`;
    case 'scheduler.set':
      return `scheduler.set ${command.timerId} at ${command.at}`;
    case 'scheduler.clear':
      return `scheduler.clear ${command.timerId}`;
    case 'ui.progress':
      return `ui.progress ${command.stage}${command.percent === null ? '' : ` ${command.percent}%`}`;
    case 'ui.scheduled':
      return `ui.scheduled at ${command.at}`;
    case 'ui.confirmationCode':
      return `ui.confirmationCode attempt ${command.attempt}`;
    case 'ui.toast':
    case 'ui.hideToast':
    case 'ui.returnToApp':
      return command.type;
    case 'portal.callback':
      return `portal.callback ${command.script} ${command.args}`;
    case 'report':
      return `report ${command.report.flow} ${command.report.outcome}`;
    case 'diagnostic':
      return `diagnostic ${command.notice.diagnostic.code}`;
  }
}
