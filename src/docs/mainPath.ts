import { getShortestPaths } from 'xstate/graph';
import type { AnyMachineSnapshot } from 'xstate';
import type { FlowContext, FlowEvent, FlowName } from '../../machines/types';
import { parseActivationCode, toMaskedActivationCode } from '../domain/activationCode';
import type { Command } from '../core/commands';
import type { Input, Reply } from '../core/inputs';
import { machinesFor } from '../../machines/xstate';
import { createState, type CoreState } from '../core/state';
import { step } from '../core/step';
import { SAMPLE_ACTIVATION_CODE, SAMPLE_CONFIRMATION_CODE, SAMPLE_ICCID, SAMPLE_TRANSACTION_ID, SCENARIOS, type Scenario } from './scenarios';

/** One input fed to the real core on the main path, and what the core answered. */
export interface Exchange {
  /** What was stepped through the core. */
  readonly input: Input;
  /** The core's synchronous answer. */
  readonly reply: Reply;
  /** The commands the core emitted, in order. */
  readonly commands: readonly Command[];
  /** The operation's machine state after the input (null before the operation exists). */
  readonly state: string | null;
}

/** A flow's main path as the real core lived it. */
export interface MainPath {
  /** The scenario the path plays. */
  readonly scenario: Scenario;
  /** The id the core gave the operation. */
  readonly operationId: string;
  /** Every input and answer, in order. */
  readonly exchanges: readonly Exchange[];
  /**
   * Where the core stopped following the machine's path, or null when it reached the
   * scenario's success state as the model says. The docs show it; a test fails on it.
   */
  readonly divergence: string | null;
}

/** Where every path starts on the virtual clock; the diagrams show times relative to it. */
export const PATH_START = 0;

const discoveredCode = (() => {
  const parsed = parseActivationCode(SAMPLE_ACTIVATION_CODE);
  if (!parsed.ok) throw new Error(`the sample activation code is invalid: ${parsed.error.message}`);
  return toMaskedActivationCode(parsed.value);
})();

/**
 * The main path of a flow, derived from the model and lived by the real core: the scenario's
 * portal call is stepped through `step()`, then `getShortestPaths` (xstate/graph) finds the
 * shortest sequence of inputs from where the core put the operation to the scenario's success
 * state, answering every request the happy way, and each of those inputs is stepped through
 * the core in turn. When the core and the machine disagree, the path stops there and says so
 * in `divergence`. Throws when the scenario's call is refused or the success state is
 * unreachable in the model.
 *
 * @param flow - the flow whose main path to live
 */
export function mainPath(flow: FlowName): MainPath {
  const scenario = SCENARIOS[flow];
  let core: CoreState = createState();
  let now = PATH_START;
  const exchanges: Exchange[] = [];
  let operationId: string | null = null;

  const run = (input: Input): Exchange => {
    const result = step(core, input);
    core = result.state;
    const state = operationId === null ? null : stateOf(core, operationId);
    const exchange = { input, reply: result.reply, commands: result.commands, state };
    exchanges.push(exchange);
    return exchange;
  };

  run({ type: 'portal.launched', now, transactionId: SAMPLE_TRANSACTION_ID });
  const handOff = run({ type: 'portal.call', now, call: scenario.call });
  if (handOff.reply.type !== 'operation') throw new Error(`${flow}: the sample call was refused: ${JSON.stringify(handOff.reply)}`);
  operationId = handOff.reply.operationId;
  const id = operationId;
  exchanges[exchanges.length - 1] = { ...handOff, state: stateOf(core, id) };

  const op = core.operations[id];
  const path = op === undefined ? [] : pathToSuccess(scenario, machinesFor(core.config.timing)[op.flow].resolveState({ value: op.value, context: op.context }) as unknown as AnyMachineSnapshot);
  for (const { event, state } of path) {
    const live = core.operations[id];
    if (live === undefined) return { scenario, operationId: id, exchanges, divergence: `${id} finished in ${String(stateOf(core, id))} before ${event.type}` };
    if (event.type === 'timer.fired') now = Math.max(now, live.context.deadline ?? now);
    const exchange = run(toInput(event, id, now, live.context));
    if (exchange.state !== state) {
      const why = exchange.reply.type === 'ignored' ? ` (the core ignored it: ${exchange.reply.reason})` : '';
      const divergence = `after ${event.type} the machine goes to ${state} but the core stays in ${String(exchange.state)}${why}`;
      return { scenario, operationId: id, exchanges, divergence };
    }
  }
  const end = stateOf(core, id);
  const divergence = end === scenario.success ? null : `the path ends in ${String(end)}, not ${scenario.success}`;
  return { scenario, operationId: id, exchanges, divergence };
}

/** The flow events of the shortest path from `from` to the scenario's success state. */
function pathToSuccess(scenario: Scenario, from: AnyMachineSnapshot): Array<{ event: FlowEvent; state: string }> {
  const paths = getShortestPaths(from.machine, {
    fromState: from,
    events: (snapshot) => happyEvents(scenario, snapshot.context as FlowContext),
    toState: (snapshot) => snapshot.value === scenario.success,
  });
  const best = [...paths].sort((a, b) => a.weight - b.weight)[0];
  if (best === undefined) throw new Error(`${scenario.flow}: no path reaches ${scenario.success}`);
  return best.steps
    .filter((s) => !(s.event as { type: string }).type.startsWith('xstate.'))
    .map((s) => ({ event: s.event as FlowEvent, state: s.state.value as string }));
}

/** The inputs a state may receive when everything goes well: the happy answer to every request. */
function happyEvents(scenario: Scenario, context: FlowContext): FlowEvent[] {
  const now = context.deadline ?? context.createdAt;
  return [
    { type: 'timer.fired', now },
    { type: 'user.toastAccepted', now },
    { type: 'user.startDownload', now },
    { type: 'user.confirmationCode', now },
    { type: 'lpa.discovered', now, code: discoveredCode },
    { type: 'lpa.downloaded', now, iccid: SAMPLE_ICCID },
    { type: 'lpa.enabled', now },
    { type: 'lpa.profile', now, state: scenario.profileState },
    { type: 'modem.registration', now, state: 'home' },
  ];
}

/** The core input that delivers a flow event to operation `id`. */
function toInput(event: FlowEvent, id: string, now: number, context: FlowContext): Input {
  switch (event.type) {
    case 'operation.start':
      throw new Error('operation.start is the hand-off itself');
    case 'timer.fired':
      return { type: 'timer.fired', now, timerId: id };
    case 'portal.cancel':
      return { type: 'portal.cancel', now, operationId: id };
    case 'lpa.progress':
      return { type: 'lpa.progress', now, operationId: id, percent: event.percent };
    case 'lpa.downloaded':
      return { type: 'lpa.downloaded', now, operationId: id, iccid: event.iccid };
    case 'lpa.discovered':
      return { type: 'lpa.discovered', now, operationId: id, activationCode: SAMPLE_ACTIVATION_CODE };
    case 'lpa.nothingDiscovered':
    case 'lpa.enabled':
      return { type: event.type, now, operationId: id };
    case 'lpa.profile':
      return { type: 'lpa.profile', now, operationId: id, state: event.state };
    case 'lpa.failed':
      return { type: 'lpa.failed', now, operationId: id, error: event.error };
    case 'modem.registration':
      return { type: 'modem.registration', now, iccid: context.iccid ?? SAMPLE_ICCID, state: event.state };
    case 'modem.failed':
      return { type: 'modem.failed', now, operationId: id, error: event.error };
    case 'user.confirmationCode':
      return { type: 'user.confirmationCode', now, operationId: id, code: SAMPLE_CONFIRMATION_CODE };
    case 'user.toastAccepted':
    case 'user.toastDismissed':
    case 'user.startDownload':
    case 'user.abort':
      return { type: event.type, now, operationId: id };
  }
}

function stateOf(core: CoreState, id: string): string | null {
  return core.operations[id]?.value ?? core.finished[id]?.value ?? null;
}
