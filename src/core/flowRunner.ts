import { guardsFor, timingKey, initialContext, updatesFor, type ActionRef, type FlowArgs, type FlowDefinition, type GuardRef, type Guards, type StateDefinition, type TransitionDefinition, type Updates } from '../../machines/definition';
import type { FlowContext, FlowEvent, FlowInput, FlowTiming } from '../../machines/types';

/*
 * Runs the flow definitions (machines/) the way xstate runs the machines built from them, for
 * the subset the flows use: flat states, transitions tried in order (the first whose guard
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
const listOf = <T>(items: T | readonly T[] | undefined): readonly T[] => (items === undefined ? NONE : Array.isArray(items) ? items : [items as T]);

function candidates(state: StateDefinition, type: FlowEvent['type']): readonly TransitionDefinition[] {
  // Every state that is not final has transitions (one without would never be left); a final one never gets here.
  // Stryker disable next-line OptionalChaining: see above
  const on = state.on?.[type];
  // Stryker disable next-line ConditionalExpression: listOf(undefined) is NONE too
  if (on === undefined) return NONE;
  return typeof on === 'string' ? [{ target: on }] : listOf(on);
}

function holds(runtime: FlowRuntime, guard: GuardRef, args: FlowArgs): boolean {
  return typeof guard === 'string' ? runtime.guards[guard]!(args, undefined) : runtime.guards[guard.type]!(args, guard.params);
}

/** The transition `event` takes in `value`, or undefined when the flow does not take it there. */
function selected(definition: FlowDefinition, runtime: FlowRuntime, value: string, context: FlowContext, event: FlowEvent): TransitionDefinition | undefined {
  const state = definition.states[value];
  if (state === undefined) return undefined;
  // Stryker disable next-line ConditionalExpression,StringLiteral: a final state has no transitions, so candidates() finds none either
  if (state.type === 'final') return undefined;
  const args = { context, event };
  return candidates(state, event.type).find((t) => t.guard === undefined || holds(runtime, t.guard, args));
}

/** The context while one event runs: copied once, on the first update, then changed in place. */
interface Running {
  context: FlowContext;
  /** True once `context` is this run's own copy (the caller's context is never changed). */
  owned: boolean;
}

/** Run `refs` in order: updates change the context, effects are collected into `out` with their params. */
function run(runtime: FlowRuntime, refs: readonly ActionRef[], running: Running, event: FlowEvent, out: FlowAction[]): void {
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

function stateOf(definition: FlowDefinition, value: string): StateDefinition {
  const state = definition.states[value];
  if (state === undefined) throw new Error(`${definition.id} has no state ${value}`);
  return state;
}

/** A flow's first state and context, and the entry effects of that state. */
export function startFlow(definition: FlowDefinition, runtime: FlowRuntime, input: FlowInput): FlowStep {
  const actions: FlowAction[] = [];
  const value = definition.initial;
  const running: Running = { context: initialContext(input), owned: true };
  // The first state of every flow has no entry actions, and entry params come from the context alone (machines/fragments.ts).
  // Stryker disable next-line ObjectLiteral,StringLiteral: see above
  run(runtime, listOf(stateOf(definition, value).entry), running, { type: 'operation.start', now: input.now }, actions);
  return { value, context: running.context, actions, done: false };
}

/** One event through a flow; null when the flow does not take it in its current state (nothing changes). */
export function stepFlow(definition: FlowDefinition, runtime: FlowRuntime, value: string, context: FlowContext, event: FlowEvent): FlowStep | null {
  const transition = selected(definition, runtime, value, context, event);
  if (transition === undefined) return null;
  const actions: FlowAction[] = [];
  const { target } = transition;
  const running: Running = { context, owned: false };
  if (target !== undefined) run(runtime, listOf(stateOf(definition, value).exit), running, event, actions);
  run(runtime, listOf(transition.actions), running, event, actions);
  if (target === undefined) return { value, context: running.context, actions, done: false };
  const entered = stateOf(definition, target);
  run(runtime, listOf(entered.entry), running, event, actions);
  return { value: target, context: running.context, actions, done: entered.type === 'final' };
}

/** Whether the flow takes `event` in its current state. */
export function takes(definition: FlowDefinition, runtime: FlowRuntime, value: string, context: FlowContext, event: FlowEvent): boolean {
  return selected(definition, runtime, value, context, event) !== undefined;
}

/**
 * The entry effects of a state with params evaluated from `context` alone: what a restart
 * replays (entry params come from context only).
 */
export function entryEffects(definition: FlowDefinition, runtime: FlowRuntime, value: string, context: FlowContext): FlowAction[] {
  const actions: FlowAction[] = [];
  run(runtime, listOf(stateOf(definition, value).entry), { context, owned: false }, { type: 'restore' } as unknown as FlowEvent, actions);
  return actions;
}
