import type { AnyStateMachine, AnyStateNode } from 'xstate';
import type { DeadlineDefinition } from '../../machines/definition';
import { flows, machines } from '../../machines/index';
import type { FlowName } from '../../machines/types';

/** A named action as the machine's configuration refers to it (the docs' view of a definition's `ActionRef`). */
export interface ActionInfo {
  /** The action's name in `setup()`. */
  readonly type: string;
  /** Static params, a function computing them from context and event, or undefined. */
  readonly params: unknown;
}

/** One transition of a state node: one candidate of one event, in the machine's order. */
export interface TransitionInfo {
  /** The state it leaves from. */
  readonly source: string;
  /** The event (input) type that triggers it. */
  readonly event: string;
  /** The state it leads to; equal to `source` for a transition that stays (no target). */
  readonly target: string;
  /** False for a targetless transition: the state is neither left nor re-entered. */
  readonly leaves: boolean;
  /** The named guard, e.g. `deadlinePassed`, `legacyRoute(route: balance)` or a composition `and(a, b)`. */
  readonly guard: string | null;
  /** The actions it runs, in order. */
  readonly actions: readonly ActionInfo[];
}

/** One state of a flow machine. */
export interface StateInfo {
  /** The state's key in the machine. */
  readonly name: string;
  /** Whether operations start here. */
  readonly initial: boolean;
  /** Whether the operation ends here. */
  readonly final: boolean;
  /** The actions run on entering it: the effects it requests. */
  readonly entry: readonly ActionInfo[];
  /** The actions run on leaving it. */
  readonly exit: readonly ActionInfo[];
  /** Its deadline as the flow definition states it (the machine has it expanded), or null. */
  readonly deadline: DeadlineDefinition | null;
  /** Transitions out of this state, grouped by event in the machine's order. */
  readonly transitions: readonly TransitionInfo[];
}

/** A flat flow machine as the docs see it: its states in declaration order. */
export interface FlowGraph {
  /** The flow's name. */
  readonly flow: FlowName;
  /** The machine itself. */
  readonly machine: AnyStateMachine;
  /** The initial state's name. */
  readonly initial: string;
  /** Every state, in declaration order. */
  readonly states: readonly StateInfo[];
}

/**
 * Walks a flow machine's state nodes (`machine.root.states`) and lists its states, final
 * states, transitions with their events, targets, named guards and actions, and the entry and
 * exit actions (the effects each state requests). Throws on nested states: the flows are flat.
 *
 * @param flow - the flow's name, a key of `machines`
 * @example describeFlow('inlineDownload').states.map((s) => s.name) // ['received', 'confirmationCode', ...]
 */
export function describeFlow(flow: FlowName): FlowGraph {
  const machine = machines[flow] as unknown as AnyStateMachine;
  const root = machine.root;
  const initial = root.initial?.target[0]?.key;
  if (initial === undefined) throw new Error(`${flow}: the machine has no initial state`);
  const states = Object.values(root.states).map((node) => describeState(flow, node, initial));
  return { flow, machine, initial, states };
}

/** Every transition of a flow, state by state. */
export function transitionsOf(graph: FlowGraph): TransitionInfo[] {
  return graph.states.flatMap((s) => [...s.transitions]);
}

function describeState(flow: FlowName, node: AnyStateNode, initial: string): StateInfo {
  if (Object.keys(node.states).length > 0) throw new Error(`${flow}.${node.key}: nested states are not documented; flows are flat`);
  const transitions: TransitionInfo[] = [];
  for (const [event, candidates] of node.transitions) {
    for (const t of candidates) {
      const target = t.target?.[0]?.key;
      transitions.push({
        source: node.key,
        event,
        target: target ?? node.key,
        leaves: target !== undefined,
        guard: t.guard === undefined ? null : guardLabel(t.guard),
        actions: t.actions.map(actionInfo),
      });
    }
  }
  for (const t of node.always ?? []) {
    const target = t.target?.[0]?.key;
    transitions.push({
      source: node.key,
      event: 'always',
      target: target ?? node.key,
      leaves: target !== undefined,
      guard: t.guard === undefined ? null : guardLabel(t.guard),
      actions: t.actions.map(actionInfo),
    });
  }
  return {
    name: node.key,
    initial: node.key === initial,
    final: node.type === 'final',
    entry: node.entry.map(actionInfo),
    exit: node.exit.map(actionInfo),
    deadline: deadlineOf(flow, node.key),
    transitions,
  };
}

function deadlineOf(flow: FlowName, value: string): DeadlineDefinition | null {
  const states: Readonly<Record<string, { readonly deadline?: DeadlineDefinition }>> = flows[flow].states;
  return (Object.hasOwn(states, value) ? states[value]?.deadline : undefined) ?? null;
}

/** A guard as it reads in the docs: its name, its static params, and/or/not compositions. */
export function guardLabel(guard: unknown): string {
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const composed = guard as { guards?: unknown[]; check?: { name?: string }; name?: string };
    if (Array.isArray(composed.guards)) {
      const op = (composed.check?.name ?? composed.name ?? 'guard').replace(/^check/, '').toLowerCase();
      return `${op}(${composed.guards.map(guardLabel).join(', ')})`;
    }
    return composed.name !== undefined && composed.name !== '' ? composed.name : 'inline guard';
  }
  if (typeof guard === 'object' && guard !== null && 'type' in guard) {
    const { type, params } = guard as { type: string; params?: unknown };
    return `${type}${paramsLabel(params)}`;
  }
  return 'guard';
}

/** An action as it reads in the docs: `setDeadline(after=delay)`, `register(…)` for computed params. */
export function actionLabel(action: ActionInfo): string {
  return `${action.type}${paramsLabel(action.params)}`;
}

/** A primitive's text (as an unknown: the narrowed `{}` reads to the linter like an object). */
function primitiveText(value: unknown): string {
  return String(value);
}

function paramsLabel(params: unknown): string {
  if (params === undefined) return '';
  if (typeof params === 'function') return '(…)';
  if (typeof params !== 'object' || params === null) return `(${primitiveText(params)})`;
  const entries = Object.entries(params as Record<string, unknown>);
  return entries.length === 0 ? '' : `(${entries.map(([k, v]) => `${k}=${String(v)}`).join(', ')})`;
}

function actionInfo(action: unknown): ActionInfo {
  if (typeof action === 'string') return { type: action, params: undefined };
  if (typeof action === 'object' && action !== null && 'type' in action) {
    const { type, params } = action as { type: string; params?: unknown };
    return { type, params };
  }
  if (typeof action === 'function') {
    const named = action as { type?: string; name?: string };
    return { type: named.type ?? (named.name || 'inline action'), params: undefined };
  }
  return { type: 'unknown action', params: undefined };
}
