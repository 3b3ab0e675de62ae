import { runnableFlow, type AnyActionRef, type AnyGuardRef, type RunnableFlow, type RunnableState, type RunnableTransition } from '../../machines/deadline';
import { initialContext, timingKey, type FlowDefinition } from '../../machines/definition';
import { guardsFor, updatesFor, type FlowArgs, type Guards, type Updates } from '../../machines/runtime';
import type { FlowContext, FlowEvent, FlowInput, FlowTiming } from '../../machines/types';

/*
 * Runs the flow definitions (machines/) the way xstate runs the machines built from them, both
 * from the same expansion of their deadlines (machines/deadline.ts), for the subset the flows use: flat states, transitions tried in order (the first whose guard
 * holds), exit actions, then the transition's, then the target's entry; updates change the
 * context at once, so later actions see it; entering a final state ends the flow.
 * The model tests check every generated path of every flow against xstate itself.
 * Pure, and small: the core ships without xstate's actor runtime.
 */

/** An effect a flow asked for: a named action with its params evaluated. */
export interface FlowAction {
  readonly type: string;
  readonly params?: unknown;
}

/** Where one event took a flow, and the effects it asked for on the way, in order. */
export interface FlowStep {
  /** The name of the state the flow is in: its value, as in xstate's snapshots and the operation record (a `state` here is a state's definition). */
  readonly value: string;
  readonly context: FlowContext;
  readonly actions: FlowAction[];
  /** Whether the flow reached a final state. */
  readonly done: boolean;
}

type Update = (args: FlowArgs, params: unknown) => Partial<FlowContext>;
type Guard = (args: FlowArgs, params: unknown) => boolean;

/** The updates and guards of one timing, looked up by the names the definitions use. */
export interface FlowRuntime {
  readonly updates: Readonly<Partial<Record<string, Update>>>;
  readonly guards: Readonly<Record<string, Guard>>;
}

// By object first (the lookup made on every event), then by value (a restored document holds a new object).
// A pure cache: a runtime is made from the timing's values alone, so losing one only costs making it again.
const byObject = new WeakMap<FlowTiming, FlowRuntime>();
const byValue = new Map<string, FlowRuntime>();

/** The updates and guards for `timing`, made once per distinct timing. */
export function runtimeFor(timing: FlowTiming): FlowRuntime {
  const known = byObject.get(timing);
  // Stryker disable next-line ConditionalExpression: without this shortcut the lookup by value finds the same runtime
  if (known !== undefined) return known;
  const key = timingKey(timing);
  let runtime = byValue.get(key);
  // Each update and guard takes the params its definition gives it: typed where the definitions are written.
  if (runtime === undefined) byValue.set(key, (runtime = { updates: updatesFor(timing) as Updates & Record<string, Update>, guards: guardsFor(timing) as Guards & Record<string, Guard> }));
  byObject.set(timing, runtime);
  return runtime;
}

const NONE: readonly never[] = [];

function holds(runtime: FlowRuntime, guard: AnyGuardRef, args: FlowArgs): boolean {
  return typeof guard === 'string' ? runtime.guards[guard]!(args, undefined) : runtime.guards[guard.type]!(args, guard.params);
}

/** The transition `event` takes in `value`, or undefined when the flow does not take it there. */
function selected(flow: RunnableFlow, runtime: FlowRuntime, value: string, context: FlowContext, event: FlowEvent): RunnableTransition | undefined {
  const state = Object.hasOwn(flow.states, value) ? flow.states[value] : undefined;
  if (state === undefined) return undefined;
  // Stryker disable next-line ConditionalExpression,StringLiteral: a final state has no transitions, so the lookup below finds none either
  if (state.type === 'final') return undefined;
  const args = { context, event };
  return (state.on[event.type] ?? NONE).find((t) => t.guard === undefined || holds(runtime, t.guard, args));
}

/** The context while one event runs: copied once, on the first update, then changed in place. */
interface Running {
  context: FlowContext;
  /** True once `context` is this run's own copy (the caller's context is never changed). */
  owned: boolean;
}

/** Run `refs` in order: updates change the context, effects are collected into `out` with their params. */
function run(runtime: FlowRuntime, refs: readonly AnyActionRef[], running: Running, event: FlowEvent, out: FlowAction[]): void {
  for (const ref of refs) {
    const type = typeof ref === 'string' ? ref : ref.type;
    // Stryker disable next-line ConditionalExpression: a string has no params property either
    const given = typeof ref === 'string' || !('params' in ref) ? undefined : ref.params;
    const params: unknown = typeof given === 'function' ? given({ context: running.context, event }) : given;
    const update = runtime.updates[type];
    if (update !== undefined) {
      // One copy per event, not one per update: later actions still see every update before them.
      const changes = update({ context: running.context, event }, params);
      if (!running.owned) {
        running.context = { ...running.context, ...changes };
        running.owned = true;
      } else Object.assign(running.context, changes);
      // Stryker disable next-line ConditionalExpression: a params: undefined reads, compares (toEqual) and serializes as no params
    } else out.push(params === undefined ? { type } : { type, params });
  }
}

function stateOf(flow: RunnableFlow, value: string): RunnableState {
  const state = Object.hasOwn(flow.states, value) ? flow.states[value] : undefined;
  if (state === undefined) throw new Error(`${flow.id} has no state ${value}`);
  return state;
}

/** A flow's first state and context, and the entry effects of that state. */
export function startFlow(definition: FlowDefinition, runtime: FlowRuntime, input: FlowInput): FlowStep {
  const flow = runnableFlow(definition);
  const actions: FlowAction[] = [];
  const value = flow.initial;
  const running: Running = { context: initialContext(input), owned: true };
  // The first state of every flow has no entry actions, and entry params come from the context alone (machines/fragments.ts).
  // Stryker disable next-line ObjectLiteral,StringLiteral: see above
  run(runtime, stateOf(flow, value).entry, running, { type: 'operation.start', now: input.now }, actions);
  return { value, context: running.context, actions, done: false };
}

/** One event through a flow; null when the flow does not take it in its current state (nothing changes). */
export function stepFlow(definition: FlowDefinition, runtime: FlowRuntime, value: string, context: FlowContext, event: FlowEvent): FlowStep | null {
  const flow = runnableFlow(definition);
  const transition = selected(flow, runtime, value, context, event);
  if (transition === undefined) return null;
  const actions: FlowAction[] = [];
  const { target } = transition;
  const running: Running = { context, owned: false };
  if (target !== undefined) run(runtime, stateOf(flow, value).exit, running, event, actions);
  run(runtime, transition.actions, running, event, actions);
  if (target === undefined) return { value, context: running.context, actions, done: false };
  const entered = stateOf(flow, target);
  run(runtime, entered.entry, running, event, actions);
  return { value: target, context: running.context, actions, done: entered.type === 'final' };
}

/** Whether the flow accepts `event` in its current state: whether `stepFlow` would take a transition. */
export function accepts(definition: FlowDefinition, runtime: FlowRuntime, value: string, context: FlowContext, event: FlowEvent): boolean {
  return selected(runnableFlow(definition), runtime, value, context, event) !== undefined;
}

/**
 * The entry effects of a state with params evaluated from `context` alone: what a restart
 * replays (entry params come from context only).
 */
export function entryEffects(definition: FlowDefinition, runtime: FlowRuntime, value: string, context: FlowContext): FlowAction[] {
  const actions: FlowAction[] = [];
  run(runtime, stateOf(runnableFlow(definition), value).entry, { context, owned: false }, { type: 'restore' } as unknown as FlowEvent, actions);
  return actions;
}
