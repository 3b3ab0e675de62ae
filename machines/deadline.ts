import type { ActionRef, FlowDefinition, GuardRef, OneOrMany, StateDefinition, TimerTransitionDefinition, TransitionDefinition } from './definition';
import type { ActionParams, DeadlineActionName, DeadlineAfter, GuardParams } from './runtime';
import type { FlowEvent, FlowName } from './types';

/*
 * A state's deadline is written once, as its `deadline` property; this module expands it into
 * what both runtimes (the core's interpreter and xstate) run: the deadline set on every
 * transition into the state, armed on entry, cleared on exit, and `timer.fired` taken once it
 * passed (decision D62). The deadline stays in the context, so a persisted operation keeps the
 * time it falls at, and a restart replays only the entry (arming it at that time again).
 */

/** Any action, the deadline's own included: what the runtimes run. */
export type AnyActionRef = ActionRef<keyof ActionParams>;
/** Any guard, those on a fired timer included. */
export type AnyGuardRef = GuardRef<keyof GuardParams>;

/** One transition as the runtimes run it: no target keeps the state. */
export interface RunnableTransition {
  readonly target?: string;
  readonly guard?: AnyGuardRef;
  readonly actions: readonly AnyActionRef[];
}

/** One state as the runtimes run it: its deadline expanded, every list a list. */
export interface RunnableState {
  readonly type?: 'final';
  readonly entry: readonly AnyActionRef[];
  readonly exit: readonly AnyActionRef[];
  /** By event type, the candidates in the order they are tried. */
  readonly on: { readonly [E in FlowEvent['type']]?: readonly RunnableTransition[] };
}

/** A flow as the runtimes run it (`expandDeadlines`). */
export interface RunnableFlow {
  readonly id: FlowName;
  readonly initial: string;
  readonly states: Readonly<Record<string, RunnableState>>;
}

const listOf = <T>(items: OneOrMany<T> | undefined): readonly T[] => (items === undefined ? [] : Array.isArray(items) ? items : [items as T]);

// The only actions the expansion writes (DeadlineActionName): a flow never names them.
const arm: ActionRef<DeadlineActionName> = { type: 'armDeadline', params: ({ context }) => ({ at: context.deadline ?? 0 }) };
const disarm: readonly ActionRef<DeadlineActionName>[] = ['clearDeadline', 'noDeadline'];
const setDeadline = (after: DeadlineAfter): ActionRef<DeadlineActionName> => ({ type: 'setDeadline', params: { after } });

function transitionsOf(on: StateDefinition['on'] | undefined, type: Exclude<FlowEvent['type'], 'timer.fired'>): readonly TransitionDefinition[] {
  // Stryker disable next-line OptionalChaining: only called for a key of state.on, so on is defined
  const given = on?.[type];
  return typeof given === 'string' ? [{ target: given }] : listOf(given);
}

/** The timer transitions of a state's deadline: its `first` candidates, then `target` once it passed. */
function timerTransitions(state: StateDefinition): readonly TimerTransitionDefinition[] {
  const { deadline } = state;
  if (deadline === undefined) return [];
  const passed = { guard: 'deadlinePassed', target: deadline.target, ...(deadline.actions === undefined ? {} : { actions: deadline.actions }) } as const;
  return [...listOf(deadline.first), passed];
}

/**
 * A flow with every state's `deadline` expanded for the runtimes: each transition into a
 * state with a deadline sets it (`setDeadline`, after its own actions), the state arms it last
 * on entry and clears it last on exit (`armDeadline`; `clearDeadline`, `noDeadline`), and takes
 * `timer.fired` with its `first` candidates, then `deadlinePassed` to its target.
 * Throws when the initial state has a deadline: no transition would set it.
 *
 * @param flow - a flow definition (`defineFlow`)
 */
export function expandDeadlines(flow: FlowDefinition): RunnableFlow {
  const states: Readonly<Record<string, StateDefinition>> = flow.states;
  // Stryker disable next-line OptionalChaining: defineFlow's types make initial one of the states
  if (states[flow.initial]?.deadline !== undefined) throw new Error(`${flow.id}: the initial state ${flow.initial} cannot have a deadline`);
  const into = (t: TransitionDefinition | TimerTransitionDefinition): RunnableTransition => {
    // Stryker disable next-line ConditionalExpression: states[undefined] is no state either
    const after = t.target === undefined ? undefined : states[t.target]?.deadline?.after;
    const actions: AnyActionRef[] = [...listOf(t.actions)];
    if (after !== undefined) actions.push(setDeadline(after));
    return { ...(t.target === undefined ? {} : { target: t.target }), ...(t.guard === undefined ? {} : { guard: t.guard }), actions };
  };
  const runnable: Record<string, RunnableState> = {};
  for (const [name, state] of Object.entries(states)) {
    const on: { [E in FlowEvent['type']]?: readonly RunnableTransition[] } = {};
    for (const type of Object.keys(state.on ?? {}) as Exclude<FlowEvent['type'], 'timer.fired'>[]) on[type] = transitionsOf(state.on, type).map(into);
    const timer = timerTransitions(state);
    if (timer.length > 0) on['timer.fired'] = timer.map(into);
    const bounded = state.deadline !== undefined;
    runnable[name] = {
      ...(state.type === undefined ? {} : { type: state.type }),
      entry: [...listOf(state.entry), ...(bounded ? [arm] : [])],
      exit: [...listOf(state.exit), ...(bounded ? disarm : [])],
      on,
    };
  }
  return { id: flow.id, initial: flow.initial, states: runnable };
}

// Made once per definition object: the runtimes ask on every event. A cache only: the expansion is a function of the definition.
const expanded = new WeakMap<FlowDefinition, RunnableFlow>();

/** `expandDeadlines(flow)`, made once per definition. */
export function runnableFlow(flow: FlowDefinition): RunnableFlow {
  let made = expanded.get(flow);
  if (made === undefined) expanded.set(flow, (made = expandDeadlines(flow)));
  return made;
}
