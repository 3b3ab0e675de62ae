import type { Command } from '../core/commands';
import type { Input, Json, PortalCall, Reply } from '../core/inputs';
import type { ScenarioResult } from './scenario';
import type { TimelineStep } from './session';

/** Where the CLI writes: the process's streams, or a test's buffers. */
export type Write = (text: string) => void;

const INDENT = ' '.repeat(13);

/**
 * A virtual time offset as `+hh:mm:ss` (hours go past 24: `+24:15:00`).
 *
 * @param ms - milliseconds from the start of the simulation
 * @example formatVirtualTime(900_000) // '+00:15:00'
 */
export function formatVirtualTime(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return `${ms < 0 ? '-' : '+'}${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
}

/**
 * Prints a simulation's timeline, one step at a time: the virtual time, the machine state of
 * each operation (with its transition when the step changed it), what happened, and under it
 * every command the host ran (callbacks with their JSON argument, the report).
 * With `json`, each step is one JSON line instead.
 */
export class TimelinePrinter {
  readonly #write: Write;
  readonly #json: boolean;
  readonly #origin: number;

  /**
   * @param write - where lines go
   * @param options - `json` for JSON lines; `origin` the epoch ms of +00:00:00, to show absolute times (`scheduler.set`) as offsets
   */
  constructor(write: Write, options: { readonly json: boolean; readonly origin: number }) {
    this.#write = write;
    this.#json = options.json;
    this.#origin = options.origin;
  }

  /** A header before a run (a flow's title, the options). */
  header(text: string, data: Record<string, Json> = {}): void {
    if (this.#json) this.#line({ type: 'scenario', title: text, ...data });
    else this.#write(`\n=== ${text} ===\n`);
  }

  /** One host step. */
  step(step: TimelineStep): void {
    if (this.#json) {
      this.#line({ type: 'step', ...step, at: formatVirtualTime(step.at), ms: step.at });
      return;
    }
    const lines = [`${formatVirtualTime(step.at)}  ${stateColumn(step)}${describeInput(step.input, step.reply)}`];
    if (step.note !== undefined) lines.push(`${INDENT}(${step.note})`);
    for (const command of step.commands) lines.push(`${INDENT}${this.describeCommand(command)}`);
    this.#write(`${lines.join('\n')}\n`);
  }

  /** The last line of a run: how it ended. */
  result(flow: string, result: ScenarioResult): void {
    if (this.#json) {
      this.#line({ type: 'result', ...result, flow, elapsed: formatVirtualTime(result.elapsedMs) });
      return;
    }
    this.#write(`${resultLine(flow, result)}\n`);
  }

  /** One readable line for a (redacted) command, with absolute times shown as offsets. */
  describeCommand(command: Command): string {
    switch (command.type) {
      case 'portal.callback':
        return `callback ${command.script} ${command.args}`;
      case 'report': {
        const r = command.report;
        const parts = [`outcome=${r.outcome}`, `activationResult=${r.activationResult ?? '-'}`, `iccid=${r.iccid ?? '-'}`, `registration=${r.registrationState ?? '-'}`];
        parts.push(`code=${r.activationCode ?? '-'}`, `transaction=${r.transactionId ?? '-'}`, `diagnostics=${r.diagnostics.length}`);
        return `report ${r.flow} ${parts.join(' ')}`;
      }
      case 'diagnostic': {
        const d = command.notice.diagnostic;
        return `diagnostic ${d.severity} ${d.code}${d.field === undefined ? '' : ` (${d.field})`}: ${d.message}`;
      }
      case 'scheduler.set':
        return `scheduler.set ${command.timerId} at ${formatVirtualTime(command.at - this.#origin)}`;
      case 'scheduler.clear':
        return `scheduler.clear ${command.timerId}`;
      case 'ui.scheduled':
        return `ui.scheduled ${command.operationId} for ${formatVirtualTime(command.at - this.#origin)}`;
      case 'ui.progress':
        return `ui.progress ${command.operationId} ${command.stage}${command.percent === null ? '' : ` ${command.percent}%`}`;
      case 'ui.confirmationCode':
        return `ui.confirmationCode ${command.operationId} attempt ${command.attempt}`;
      case 'ui.toast':
      case 'ui.hideToast':
      case 'ui.returnToApp':
        return `${command.type} ${command.operationId}`;
      case 'lpa.download':
        return `lpa.download ${command.operationId} ${command.activationCode}${command.confirmationCode === null ? '' : ' with confirmation code ***'}`;
      case 'lpa.discover':
        return `lpa.discover ${command.operationId}`;
      case 'lpa.enable':
      case 'lpa.queryProfile':
      case 'modem.register':
        return `${command.type} ${command.operationId} ${command.iccid}`;
    }
  }

  #line(value: Record<string, unknown>): void {
    this.#write(`${JSON.stringify(value)}\n`);
  }
}

/** `[op-1 scheduled → toastShown]` for the operations a step changed, `[op-1 downloading]` otherwise. */
function stateColumn(step: TimelineStep): string {
  const entries = Object.entries(step.states);
  if (entries.length === 0) return '';
  const shown = entries.map(([id, state]) => {
    const before = step.before[id];
    return before === undefined ? `${id} ${state}` : `${id} ${before} → ${state}`;
  });
  return `[${shown.join(', ')}]  `;
}

/** What an input means, in one line, with its reply when it matters. */
export function describeInput(input: Input, reply: Reply): string {
  switch (input.type) {
    case 'portal.launched':
      return `portal opened (transaction ${input.transactionId})`;
    case 'portal.closed':
      return 'portal closed';
    case 'portal.call':
      return `portal.call ${describeCall(input.call)} ${describeReply(reply)}`;
    case 'portal.cancel':
      return `portal.cancel ${input.operationId} → ${reply.type === 'cancel' && reply.cancelled ? 'cancelled' : 'not cancelled (outside the cancel window)'}`;
    case 'timer.fired':
      return `timer fired for ${input.timerId}${reply.type === 'ignored' ? ' (ignored)' : ''}`;
    case 'lpa.progress':
      return `lpa.progress ${input.operationId} ${input.percent}%`;
    case 'lpa.downloaded':
      return `lpa.downloaded ${input.operationId} ${input.iccid}`;
    case 'lpa.discovered':
      return `lpa.discovered ${input.operationId} ${input.activationCode}`;
    case 'lpa.nothingDiscovered':
    case 'lpa.enabled':
      return `${input.type} ${input.operationId}`;
    case 'lpa.profile':
      return `lpa.profile ${input.operationId} ${input.state}`;
    case 'lpa.failed':
      return `lpa.failed ${input.operationId} ${input.error}`;
    case 'modem.registration':
      return `modem.registration ${input.state} on ${input.iccid}`;
    case 'user.confirmationCode':
      return `user.confirmationCode ${input.operationId} ***`;
    case 'restore':
      return 'host started: restore';
    default:
      return `${input.type} ${input.operationId}${reply.type === 'ignored' ? ` (ignored: ${reply.reason})` : ''}`;
  }
}

function describeCall(call: PortalCall): string {
  const args = (() => {
    switch (call.kind) {
      case 'profileDownload':
        return ['metadata', call.activationCode, ...(call.downloadDelay === undefined ? [] : [call.downloadDelay])];
      case 'purchaseWithProfileDownload':
        return ['metadata', call.activationCode, call.networkRegistrationInterval];
      case 'delayedProfile':
        return ['metadata', call.profileDownloadDelayInterval];
      case 'balanceAddition':
        return ['metadata', ...(call.iccid === undefined ? [] : [call.iccid])];
      case 'cancelledPurchase':
        return ['metadata'];
      case 'purchaseResult':
        return ['payload'];
    }
  })();
  return `${call.entryPoint}(${args.map((a, i) => (i === 0 && typeof a === 'string' ? a : JSON.stringify(a))).join(', ')})`;
}

function describeReply(reply: Reply): string {
  switch (reply.type) {
    case 'operation':
      return `→ ${reply.operationId}${reply.created ? '' : ' (the unfinished operation with this code)'}`;
    case 'refused':
      return `→ refused: ${reply.error.message}`;
    default:
      return `→ ${reply.type}`;
  }
}

function resultLine(flow: string, result: ScenarioResult): string {
  if (result.refused !== null) return `result: ${flow} was refused: ${result.refused}`;
  const how = result.outcome === null ? '' : ` (outcome ${result.outcome}${result.activationResult === null ? '' : `, activationResult ${result.activationResult}`})`;
  const where = result.final ? `ended in ${result.state}` : `stopped in ${result.state} without reaching a final state`;
  return `result: ${result.operationId} ${flow} ${where}${how} after ${formatVirtualTime(result.elapsedMs)} of virtual time`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
