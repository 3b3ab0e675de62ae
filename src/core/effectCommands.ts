import { DEFAULT_TIMING } from '../../machines/definition';
import { EFFECT_NAMES } from '../../machines/runtime';
import { flows } from '../../machines/flows';
import type { FlowContext, FlowEvent, FlowName } from '../../machines/types';
import type { Command } from './commands';
import { entryEffects, runtimeFor, type FlowAction } from './flowRunner';
import { emit } from './operation';
import { createState, type OperationRecord } from './state';

/*
 * Which commands a flow's actions produce, asked without running an operation: for documents
 * and tools that show what a state does (the docs generator's tables). The answer is the core's
 * own (`emit` on a fresh core), so it names exactly the commands a host receives. Decision D67.
 */

/** An action as a flow definition or its xstate machine names it: its name and params (fixed, or computed from context and event). */
export interface NamedAction {
  /** The action's name: an effect (`showToast`, `report`, ...) or an update (`setDeadline`, ...). */
  readonly type: string;
  /** Its params, or a function of `{ context, event }` computing them; undefined when it has none. */
  readonly params?: unknown;
}

const EFFECTS: ReadonlySet<string> = new Set(EFFECT_NAMES);

/**
 * The commands entering state `value` of `flow` produces for an operation with `context`, as
 * `step` hands them to a host from a fresh core (the portal open, the LPA free). Commands name
 * `context.operationId`; a report's hand-off fields (entry point, metadata, start time) are empty.
 *
 * @param flow - the flow
 * @param value - one of its states
 * @param context - the operation's context on entry (deadline, ICCID, ...), e.g. from `initialContext`
 * @throws Error when the flow has no such state
 * @example entryCommands('inlineDownload', 'downloading', context).map((c) => c.type) // ['ui.progress', 'lpa.download']
 */
export function entryCommands(flow: FlowName, value: string, context: FlowContext): Command[] {
  return commandsOf(flow, value, context, entryEffects(flows[flow], runtimeFor(DEFAULT_TIMING), value, context));
}

/**
 * The commands a list of a flow's actions produces (an exit, a transition's actions) for an
 * operation in state `value` with `context`, in order; updates produce none. Params that are
 * functions are evaluated with `context` and an event of type `eventType`.
 *
 * @param flow - the flow
 * @param value - the state they run in (a report names it as the final state)
 * @param context - the operation's context
 * @param actions - the actions, as the definition or the machine lists them
 * @param eventType - the event being handled (default `restore`: none)
 * @throws TypeError when an action is neither an effect nor an update of the flows
 * @example actionCommands('delayedDownload', 'scheduled', context, [{ type: 'showToast' }]) // [{ type: 'ui.toast', operationId: 'op-1' }]
 */
export function actionCommands(flow: FlowName, value: string, context: FlowContext, actions: readonly NamedAction[], eventType: string = 'restore'): Command[] {
  const event = { type: eventType, now: 0 } as unknown as FlowEvent;
  const updates = runtimeFor(DEFAULT_TIMING).updates;
  const effects: FlowAction[] = [];
  for (const action of actions) {
    if (Object.hasOwn(updates, action.type)) continue;
    if (!EFFECTS.has(action.type)) throw new TypeError(`${action.type} is neither an effect nor an update of the flows`);
    const params: unknown = typeof action.params === 'function' ? (action.params as (args: { context: FlowContext; event: FlowEvent }) => unknown)({ context, event }) : action.params;
    effects.push({ type: action.type, params }); // commandOf reads params only of the effects that have them
  }
  return commandsOf(flow, value, context, effects);
}

function commandsOf(flow: FlowName, value: string, context: FlowContext, effects: readonly FlowAction[]): Command[] {
  const op: OperationRecord = { id: context.operationId, flow, entryPoint: '', transactionId: null, createdAt: context.createdAt, metadata: {}, diagnostics: [], value, context, callbacks: [] };
  const out: Command[] = [];
  emit(createState(), op, effects, 0, out);
  return out;
}
