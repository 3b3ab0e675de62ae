import type { Command, LpaCommand } from '../src/core/commands';
import type { Input, PortalCall, Reply } from '../src/core/inputs';
import { cloneState, createState, type CoreState } from '../src/core/state';
import { step } from '../src/core/step';
import { formatActivationCode, parseActivationCode } from '../src/domain/activationCode';
import { simulatedIccid } from '../src/sim/device/index';
import { FOUND_CODE, PATH_TIMING, T0 } from '../src/testing/scenarios';

/*
 * Several operations at once, explored through the pure core: breadth-first over cloned core
 * states, every input that the world could send next computed from the state (hand-offs not
 * yet made, the answer to the one LPA command in flight, the earliest timer, registration
 * changes, the user's answers, cancels), checking the cross-operation rules on every step.
 */

/** One hand-off of the product, by name. */
export interface OperationSpec {
  readonly name: string;
  readonly call: PortalCall;
  /** The activation code it downloads, when known at hand-off. */
  readonly code: string | null;
}

/** A node of the exploration: the core state and what the world knows. */
interface Node {
  readonly state: CoreState;
  readonly now: number;
  /** Hand-offs made so far, by spec name → the operation id the core replied with. */
  readonly handedOff: Readonly<Record<string, string>>;
  /** The host's armed timers (from scheduler.set / clear commands). */
  readonly timers: Readonly<Record<string, number>>;
  /** The LPA command in flight (issued, not yet answered). */
  readonly lpa: LpaCommand | null;
  /** Reports seen, by operation id. */
  readonly reports: Readonly<Record<string, number>>;
  readonly depth: number;
  readonly path: readonly string[];
}

/** One input the world can send, with how to describe it. */
interface Move {
  readonly label: string;
  readonly input: Input;
  /** For a hand-off: the spec it makes. */
  readonly spec?: OperationSpec;
}

export interface ExplorationResult {
  readonly nodes: number;
  readonly steps: number;
  readonly violations: readonly string[];
  /** How many times each rule was exercised (so a rule that is never tested shows). */
  readonly exercised: Readonly<Record<string, number>>;
}

const canonical = (code: string): string => {
  const parsed = parseActivationCode(code);
  if (!parsed.ok) throw new Error(`composition: bad code ${code}`);
  return formatActivationCode(parsed.value);
};

/** The ICCID the (imaginary) eUICC installs a code as: fixed per code. */
export function iccidFor(code: string): string {
  let n = 0;
  for (const ch of canonical(code)) n = (n * 31 + ch.charCodeAt(0)) % 9000;
  return simulatedIccid(100 + n);
}

/** The operation an LPA answer should go to, and the answers to try for its command. */
function lpaAnswers(node: Node): Move[] {
  const c = node.lpa;
  if (c === null) return [];
  const base = { now: node.now, operationId: c.operationId };
  switch (c.type) {
    case 'lpa.download':
      return [
        { label: `${c.operationId} downloaded`, input: { type: 'lpa.downloaded', ...base, iccid: iccidFor(c.activationCode) } },
        { label: `${c.operationId} download fails`, input: { type: 'lpa.failed', ...base, error: 'serverNotReachable' } },
      ];
    case 'lpa.discover':
      return [
        { label: `${c.operationId} discovered`, input: { type: 'lpa.discovered', ...base, activationCode: FOUND_CODE } },
        { label: `${c.operationId} nothing discovered`, input: { type: 'lpa.nothingDiscovered', ...base } },
      ];
    case 'lpa.enable':
      return [
        { label: `${c.operationId} enabled`, input: { type: 'lpa.enabled', ...base } },
        { label: `${c.operationId} enable fails`, input: { type: 'lpa.failed', ...base, error: 'cardBusy' } },
      ];
    case 'lpa.queryProfile':
      return (['enabled', 'disabled', 'absent'] as const).map((state) => ({ label: `${c.operationId} profile ${state}`, input: { type: 'lpa.profile', ...base, state } }));
  }
}

function moves(node: Node, specs: readonly OperationSpec[]): Move[] {
  const { state, now } = node;
  const out: Move[] = [];
  for (const spec of specs) {
    if (node.handedOff[spec.name] === undefined) out.push({ label: `hand-off ${spec.name}`, input: { type: 'portal.call', now, call: spec.call }, spec });
  }
  out.push(...lpaAnswers(node));
  const times = Object.values(node.timers);
  if (times.length > 0) {
    const earliest = Math.min(...times);
    for (const [timerId, at] of Object.entries(node.timers)) {
      if (at === earliest) out.push({ label: `timer ${timerId}`, input: { type: 'timer.fired', now: Math.max(now, at), timerId } });
    }
  }
  for (const [iccid, followers] of Object.entries(state.followers)) {
    if (!followers.some((id) => state.operations[id]?.value === 'registering' || state.operations[id]?.value === 'waitingToRegister')) continue;
    for (const reg of ['home', 'denied', 'searching'] as const) out.push({ label: `registration ${reg} on ${iccid}`, input: { type: 'modem.registration', now, iccid, state: reg } });
  }
  for (const op of Object.values(state.operations)) {
    const operationId = op.id;
    if (op.value === 'toastShown') {
      out.push({ label: `${operationId} toast accepted`, input: { type: 'user.toastAccepted', now, operationId } });
      out.push({ label: `${operationId} toast dismissed`, input: { type: 'user.toastDismissed', now, operationId } });
    }
    if (op.value === 'awaitingUser') out.push({ label: `${operationId} started from the app`, input: { type: 'user.startDownload', now, operationId } });
    if (op.value === 'confirmationCode') {
      out.push({ label: `${operationId} confirmation code`, input: { type: 'user.confirmationCode', now, operationId, code: '4711' } });
      out.push({ label: `${operationId} gives up`, input: { type: 'user.abort', now, operationId } });
    }
  }
  for (const operationId of Object.values(node.handedOff)) out.push({ label: `cancel ${operationId}`, input: { type: 'portal.cancel', now, operationId } });
  return out;
}

/** The operation a command is about. */
function subject(c: Command): string | null {
  switch (c.type) {
    case 'scheduler.set':
    case 'scheduler.clear':
      return c.timerId;
    case 'report':
      return c.report.operationId;
    case 'diagnostic':
      return c.notice.operationId;
    default:
      return c.operationId;
  }
}

/** The operations an input is addressed to (a hand-off: the one it creates or returns). */
function addressees(before: CoreState, input: Input, reply: Reply): Set<string> {
  switch (input.type) {
    case 'portal.call':
      return new Set(reply.type === 'operation' ? [reply.operationId] : []);
    case 'timer.fired':
      return new Set([input.timerId]);
    case 'modem.registration':
      return new Set(before.followers[input.iccid] ?? []);
    case 'portal.launched':
    case 'portal.closed':
    case 'restore':
      return new Set();
    default:
      return new Set([input.operationId]);
  }
}

const WAITS_FOR_LPA = new Set(['downloading', 'enabling', 'discovering', 'checkingProfile']);
const CANCEL_WINDOW = new Set(['scheduled', 'waiting']);

/**
 * Explore every interleaving of the given hand-offs and the world's answers up to `maxDepth`
 * inputs, checking on each step:
 * - one LPA operation at a time: never a second LPA command while one is in flight, and never
 *   an idle LPA while an operation waits for it;
 * - a hand-off of a code that an unfinished operation downloads returns that operation and
 *   downloads nothing new;
 * - a cancel never affects another operation, and succeeds exactly inside the cancel window;
 * - an input changes only the operations it is addressed to;
 * - every operation reports exactly once, when it finishes.
 */
export function explore(specs: readonly OperationSpec[], maxDepth: number): ExplorationResult {
  const violations: string[] = [];
  const exercised: Record<string, number> = {};
  const count = (rule: string) => void (exercised[rule] = (exercised[rule] ?? 0) + 1);
  const initial: Node = { state: createState({ timing: PATH_TIMING }), now: T0, handedOff: {}, timers: {}, lpa: null, reports: {}, depth: 0, path: [] };
  const seen = new Set<string>([key(initial)]);
  let frontier: Node[] = [initial];
  let steps = 0;
  while (frontier.length > 0 && violations.length < 20) {
    const next: Node[] = [];
    for (const node of frontier) {
      if (node.depth >= maxDepth) continue;
      for (const move of moves(node, specs)) {
        steps += 1;
        const fail = (message: string) => violations.push(`${message}\n    path: ${[...node.path, move.label].join(' → ')}`);
        const before = node.state;
        const working = cloneState(before);
        const untouched = new Map(Object.values(working.operations).map((op) => [op.id, { value: op.value, context: op.context, callbacks: op.callbacks.length }]));
        const result = step(working, move.input);
        const after = result.state;
        const child = applyCommands(node, move, result, fail, count);
        // A hand-off of a code an unfinished operation downloads returns that operation.
        if (move.spec !== undefined && move.spec.code !== null) {
          const owner = Object.values(before.operations).find((op) => op.id === before.secrets.owners[canonical(move.spec!.code!)]);
          if (owner !== undefined) {
            count('same-code hand-off returns the first operation');
            if (result.reply.type !== 'operation' || result.reply.operationId !== owner.id || result.reply.created) fail(`same-code hand-off replied ${JSON.stringify(result.reply)}, not ${owner.id}`);
            if (result.commands.some((c) => c.type.startsWith('lpa.'))) fail('same-code hand-off issued an LPA command');
            if (Object.keys(after.operations).length !== Object.keys(before.operations).length) fail('same-code hand-off created an operation');
          }
        }
        // A cancel: cancelled exactly inside the window, and never about another operation.
        const { input } = move;
        if (input.type === 'portal.cancel') {
          const cancelled = input.operationId;
          const target = before.operations[cancelled];
          const inWindow = target !== undefined && CANCEL_WINDOW.has(target.value);
          if (result.reply.type !== 'cancel' || result.reply.cancelled !== inWindow) fail(`cancel of ${cancelled} in ${target?.value ?? 'a finished operation'} replied ${JSON.stringify(result.reply)}`);
          if (inWindow) count('cancel inside the window, others live');
          const foreign = result.commands.filter((c) => subject(c) !== null && subject(c) !== cancelled && c.type !== 'diagnostic');
          if (foreign.length > 0) fail(`cancel of ${cancelled} issued ${foreign.map((c) => `${c.type} for ${subject(c)}`).join(', ')}`);
        }
        // Only the addressees change (the core replaces an operation's context whenever its machine moves).
        const addressed = addressees(before, move.input, result.reply);
        for (const [id, was] of untouched) {
          if (addressed.has(id)) continue;
          const now = after.operations[id];
          if (now === undefined || now.value !== was.value || now.context !== was.context || now.callbacks.length !== was.callbacks) {
            fail(`${move.label} changed ${id} (${was.value} → ${now?.value ?? 'gone'})`);
          }
        }
        for (const c of result.commands) {
          const about = subject(c);
          if (about !== null && !addressed.has(about) && !c.type.startsWith('lpa.')) fail(`${move.label} issued ${c.type} for ${about}`);
        }
        // A registration change reaches every operation registering on that profile.
        if (input.type === 'modem.registration' && input.state === 'home') {
          const registering = (before.followers[input.iccid] ?? []).filter((id) => before.operations[id]?.value === 'registering');
          if (registering.length > 1) count('registration reaches several operations on one profile');
          const missed = registering.filter((id) => after.operations[id] !== undefined);
          if (missed.length > 0) fail(`registration home on ${input.iccid} did not connect ${missed.join(', ')}`);
        }
        // Every operation reports exactly once, when it leaves the live set.
        for (const id of Object.keys(before.operations)) {
          const finished = after.operations[id] === undefined;
          if (finished !== (child.reports[id] === 1)) fail(`${id} ${finished ? 'finished' : 'is live'} with ${child.reports[id] ?? 0} reports`);
        }
        // The LPA is never idle while an operation waits for it.
        if (child.lpa === null) {
          const waiting = Object.values(after.operations).filter((op) => WAITS_FOR_LPA.has(op.value));
          if (waiting.length > 0) fail(`the LPA is idle while ${waiting.map((op) => `${op.id} is ${op.value}`).join(', ')}`);
        } else if (Object.keys(after.operations).length > 1) {
          count('LPA busy with other operations live');
        }
        const k = key(child);
        if (!seen.has(k)) {
          seen.add(k);
          next.push(child);
        }
      }
    }
    frontier = next;
  }
  return { nodes: seen.size, steps, violations, exercised };
}

/** Fold a step's commands into the world's knowledge, checking the LPA and the reports. */
function applyCommands(node: Node, move: Move, { state, commands, reply }: { state: CoreState; commands: readonly Command[]; reply: Reply }, fail: (m: string) => void, count: (rule: string) => void): Node {
  const timers = { ...node.timers };
  const reports = { ...node.reports };
  const handedOff = { ...node.handedOff };
  let lpa = node.lpa;
  const { input } = move;
  if (input.type.startsWith('lpa.') && lpa !== null && 'operationId' in input && input.operationId === lpa.operationId) lpa = null;
  if (move.spec !== undefined && reply.type === 'operation') handedOff[move.spec.name] = reply.operationId;
  for (const c of commands) {
    switch (c.type) {
      case 'scheduler.set':
        timers[c.timerId] = c.at;
        break;
      case 'scheduler.clear':
        delete timers[c.timerId];
        break;
      case 'report':
        reports[c.report.operationId] = (reports[c.report.operationId] ?? 0) + 1;
        break;
      case 'lpa.download':
      case 'lpa.discover':
      case 'lpa.enable':
      case 'lpa.queryProfile':
        if (lpa !== null) fail(`${c.type} for ${c.operationId} while ${lpa.type} for ${lpa.operationId} is in flight`);
        if (node.lpa !== null && node.lpa !== lpa) count('queued LPA command starts after an answer');
        lpa = c;
        break;
      default:
        break;
    }
  }
  const now = move.input.now;
  return { state, now, handedOff, timers, lpa, reports, depth: node.depth + 1, path: [...node.path, move.label] };
}

/** A node's identity: the core's live state and the world's knowledge (finished reports summarized). */
function key(node: Node): string {
  const { operations, lpa, followers, portalOpen, nextOperationNumber, secrets } = node.state;
  const live = Object.values(operations).map((op) => [op.id, op.value, op.context, op.callbacks.length]);
  return JSON.stringify([live, lpa, followers, portalOpen, nextOperationNumber, secrets, Object.keys(node.state.finished), node.now, node.handedOff, node.timers, node.lpa, node.reports]);
}
