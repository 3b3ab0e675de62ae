import { runnableFlow, type AnyActionRef, type AnyGuardRef, type RunnableFlow, type RunnableTransition } from '../../machines/deadline';
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
  /** Each flow resolved against these updates and guards, made on its first event (a cache: a function of the two). */
  readonly resolved: WeakMap<FlowDefinition, ResolvedFlow>;
}

// By object first (the lookup made on every event), then by value (a restored document holds a new object).
// A pure cache: a runtime is made from the timing's values alone, so losing one only costs making it again.
const byObject = new WeakMap<FlowTiming, FlowRuntime>();
const byValue = new Map<string, FlowRuntime>();
// The timing asked for last, and its runtime: nearly every event asks for the same one.
let lastTiming: FlowTiming | undefined;
let lastRuntime: FlowRuntime | undefined;

/** The updates and guards for `timing`, made once per distinct timing. */
export function runtimeFor(timing: FlowTiming): FlowRuntime {
  // Stryker disable next-line ConditionalExpression: without this shortcut the lookups below find the same runtime
  if (timing === lastTiming) return lastRuntime!;
  let runtime = byObject.get(timing);
  // Stryker disable next-line ConditionalExpression: equivalent; a cache, the lookup by value finds the same runtime
  if (runtime === undefined) {
    const key = timingKey(timing);
    runtime = byValue.get(key);
    // Each update and guard takes the params its definition gives it: typed where the definitions are written.
    if (runtime === undefined) byValue.set(key, (runtime = { updates: updatesFor(timing) as Updates & Record<string, Update>, guards: guardsFor(timing) as Guards & Record<string, Guard>, resolved: new WeakMap() }));
    byObject.set(timing, runtime);
  }
  lastTiming = timing;
  lastRuntime = runtime;
  return runtime;
}

/*
 * A flow resolved once against a runtime, so that an event looks nothing up by name: each
 * action knows its update (or that it is an effect) and whether its params are computed, an
 * effect with fixed params is one prebuilt object, each guard is its function. What it runs
 * is exactly what the runnable flow (machines/deadline.ts) says.
 */

/** An action of a resolved flow. */
interface ResolvedAction {
  readonly type: string;
  /** The context update it makes; undefined for an effect. */
  readonly update: Update | undefined;
  /** Its params as the definition gives them (a function when they are computed: then `compute` is set and `params` unused). */
  readonly params: unknown;
  /** Its params when computed from the context and the event. */
  readonly compute: ((args: FlowArgs) => unknown) | undefined;
  /** An effect with fixed params as it is handed over: the same object every time (FlowAction is read-only). */
  readonly effect: FlowAction | undefined;
}

interface ResolvedTransition {
  readonly target: string | undefined;
  readonly guard: Guard | undefined;
  readonly guardParams: unknown;
  readonly actions: readonly ResolvedAction[];
}

interface ResolvedState {
  /** Its name: the flow's value while it is in it. */
  readonly value: string;
  /** A final state: entering it ends the flow (and it takes no event, so a flow never stays in one). */
  readonly final: boolean;
  readonly entry: readonly ResolvedAction[];
  readonly exit: readonly ResolvedAction[];
  /** By event type, the candidates in the order they are tried. */
  readonly on: ReadonlyMap<string, readonly ResolvedTransition[]>;
}

/** A flow as the interpreter runs it: its states by name. */
export interface ResolvedFlow {
  readonly id: string;
  readonly initial: string;
  readonly states: ReadonlyMap<string, ResolvedState>;
}

function resolveAction(runtime: FlowRuntime, ref: AnyActionRef): ResolvedAction {
  const type = typeof ref === 'string' ? ref : ref.type;
  // Stryker disable next-line ConditionalExpression: a string has no params property either
  const given: unknown = typeof ref === 'string' || !('params' in ref) ? undefined : ref.params;
  const compute = typeof given === 'function' ? (given as (args: FlowArgs) => unknown) : undefined;
  const params = given;
  const update = Object.hasOwn(runtime.updates, type) ? runtime.updates[type] : undefined;
  // Stryker disable next-line ConditionalExpression: a params: undefined reads, compares (toEqual) and serializes as no params
  const effect = update !== undefined || compute !== undefined ? undefined : params === undefined ? { type } : { type, params };
  return { type, update, params, compute, effect };
}

function resolveGuard(runtime: FlowRuntime, flow: RunnableFlow, guard: AnyGuardRef | undefined): Pick<ResolvedTransition, 'guard' | 'guardParams'> {
  // Stryker disable next-line ObjectLiteral: equivalent; spread into a transition, missing fields read as undefined alike
  if (guard === undefined) return { guard: undefined, guardParams: undefined };
  const name = typeof guard === 'string' ? guard : guard.type;
  const found = Object.hasOwn(runtime.guards, name) ? runtime.guards[name] : undefined;
  // The definitions are typed by the guard list (D63); a name outside it fails where it is tried, as before.
  const run: Guard = found ?? (() => { throw new TypeError(`${flow.id} names a guard ${name} the runtime lacks`); });
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent; a string's params property is undefined too
  return { guard: run, guardParams: typeof guard === 'string' ? undefined : guard.params };
}

function resolveFlow(runtime: FlowRuntime, flow: RunnableFlow): ResolvedFlow {
  const actionsOf = (refs: readonly AnyActionRef[]) => refs.map((ref) => resolveAction(runtime, ref));
  const states = new Map<string, ResolvedState>();
  for (const [name, state] of Object.entries(flow.states)) {
    const on = new Map<string, readonly ResolvedTransition[]>();
    // A final state takes no event, whatever its definition lists.
    if (state.type !== 'final') for (const [type, transitions] of Object.entries(state.on)) {
      on.set(type, (transitions ?? NONE).map((t: RunnableTransition) => ({ target: t.target, ...resolveGuard(runtime, flow, t.guard), actions: actionsOf(t.actions) })));
    }
    states.set(name, { value: name, final: state.type === 'final', entry: actionsOf(state.entry), exit: actionsOf(state.exit), on });
  }
  return { id: flow.id, initial: flow.initial, states };
}

/** `definition` resolved against `runtime`, made once per pair. */
function resolved(definition: FlowDefinition, runtime: FlowRuntime): ResolvedFlow {
  let flow = runtime.resolved.get(definition);
  // Stryker disable next-line ConditionalExpression: equivalent; a cache, resolving again gives an equal flow
  if (flow === undefined) runtime.resolved.set(definition, (flow = resolveFlow(runtime, runnableFlow(definition))));
  return flow;
}

const NONE: readonly never[] = [];

/** The transition `event` takes in `value`, or undefined when the flow does not take it there. */
function selected(flow: ResolvedFlow, value: string, args: FlowArgs): ResolvedTransition | undefined {
  // A final state's map is empty.
  const candidates = flow.states.get(value)?.on.get(args.event.type);
  if (candidates === undefined) return undefined;
  for (const t of candidates) if (t.guard === undefined || t.guard(args, t.guardParams)) return t;
  return undefined;
}

/** What actions and guards see while one event runs: the context is copied once, on the first update, then changed in place. */
interface Running {
  context: FlowContext;
  event: FlowEvent;
  /** True once `context` is this run's own copy (the caller's context is never changed). */
  owned: boolean;
}

/** Run `actions` in order: updates change the context, effects are collected into `out` with their params. */
function run(actions: readonly ResolvedAction[], running: Running, out: FlowAction[]): void {
  for (const action of actions) {
    const update = action.update;
    if (update === undefined) {
      if (action.effect !== undefined) out.push(action.effect);
      else {
        const params = action.compute!(running);
        // A params: undefined reads, compares (toEqual) and serializes as no params.
        out.push({ type: action.type, params });
      }
      continue;
    }
    const changes = update(running, action.compute === undefined ? action.params : action.compute(running));
    // One copy per event, not one per update: later actions still see every update before them.
    // Stryker disable next-line ConditionalExpression: equivalent; copying again costs a copy, the updates seen are the same
    if (!running.owned) {
      running.context = copyContext(running.context);
      // Stryker disable next-line BooleanLiteral: equivalent; see above
      running.owned = true;
    }
    Object.assign(running.context, changes);
  }
}

/**
 * A copy of a context, field by field: every copy has one shape whatever the shape of the
 * original (a literal, a parsed document), and it costs a fraction of a spread (the profile's
 * largest single line). The return type makes a new context field fail here until it is copied.
 */
function copyContext(c: FlowContext): { -readonly [K in keyof FlowContext]: FlowContext[K] } {
  return {
    operationId: c.operationId,
    delayMs: c.delayMs,
    createdAt: c.createdAt,
    code: c.code,
    iccid: c.iccid,
    inputError: c.inputError,
    legacyRoute: c.legacyRoute,
    deadline: c.deadline,
    startAt: c.startAt,
    confirmationAttempts: c.confirmationAttempts,
    registrationAttempts: c.registrationAttempts,
    discoveryAttempts: c.discoveryAttempts,
    failure: c.failure,
    registrationState: c.registrationState,
  };
}

function stateOf(flow: ResolvedFlow, value: string): ResolvedState {
  const state = flow.states.get(value);
  if (state === undefined) throw new Error(`${flow.id} has no state ${value}`);
  return state;
}

/** A flow's first state and context, and the entry effects of that state. */
export function startFlow(definition: FlowDefinition, runtime: FlowRuntime, input: FlowInput): FlowStep {
  const flow = resolved(definition, runtime);
  const actions: FlowAction[] = [];
  const value = flow.initial;
  // The first state of every flow has no entry actions, and entry params come from the context alone (machines/fragments.ts).
  // Stryker disable next-line ObjectLiteral,StringLiteral,BooleanLiteral: see above; and the context is new (owned), so a copy of it would cost a copy only
  const running: Running = { context: initialContext(input), event: { type: 'operation.start', now: input.now }, owned: true };
  run(stateOf(flow, value).entry, running, actions);
  return { value, context: running.context, actions, done: false };
}

/** One event through a flow; null when the flow does not take it in its current state (nothing changes). */
export function stepFlow(definition: FlowDefinition, runtime: FlowRuntime, value: string, context: FlowContext, event: FlowEvent): FlowStep | null {
  const running: Running = { context, event, owned: false };
  const actions: FlowAction[] = [];
  const reached = take(resolved(definition, runtime), value, running, actions);
  return reached === undefined ? null : { value: reached.value, context: running.context, actions, done: reached.final };
}

/** Where {@link moveFlow} left a flow: one object for every call, valid until the next. */
export interface FlowMove {
  readonly value: string;
  readonly context: FlowContext;
  /** The effects asked for, in order. */
  readonly actions: readonly FlowAction[];
  readonly done: boolean;
}

// The scratch of moveFlow: nothing it runs (updates, guards, params: pure functions of their
// arguments) moves a flow, so one running event and one result serve every call.
const moving: Running = { context: undefined as unknown as FlowContext, event: undefined as unknown as FlowEvent, owned: false };
const moved: { value: string; context: FlowContext; actions: FlowAction[]; done: boolean } = { value: '', context: undefined as unknown as FlowContext, actions: [], done: false };

/**
 * {@link stepFlow} for a caller that reads the result at once (the core's `advance`): the same
 * move, into one reused result instead of a new one per event. Null when the flow does not take it.
 */
export function moveFlow(definition: FlowDefinition, runtime: FlowRuntime, value: string, context: FlowContext, event: FlowEvent): FlowMove | null {
  moving.context = context;
  moving.event = event;
  moving.owned = false;
  // A new array (cheaper than emptying the last one: setting a length calls the runtime).
  const actions: FlowAction[] = [];
  const reached = take(resolved(definition, runtime), value, moving, actions);
  if (reached === undefined) return null;
  moved.value = reached.value;
  moved.context = moving.context;
  moved.actions = actions;
  moved.done = reached.final;
  return moved;
}

/** The transition the running event takes from `value`, its actions run into `actions`; undefined when none. */
function take(flow: ResolvedFlow, value: string, running: Running, actions: FlowAction[]): ResolvedState | undefined {
  const transition = selected(flow, value, running);
  if (transition === undefined) return undefined;
  const { target } = transition;
  if (target !== undefined) run(stateOf(flow, value).exit, running, actions);
  run(transition.actions, running, actions);
  if (target === undefined) return stateOf(flow, value);
  const entered = stateOf(flow, target);
  run(entered.entry, running, actions);
  return entered;
}

/** Whether the flow accepts `event` in its current state: whether `stepFlow` would take a transition. */
export function accepts(definition: FlowDefinition, runtime: FlowRuntime, value: string, context: FlowContext, event: FlowEvent): boolean {
  return selected(resolved(definition, runtime), value, { context, event }) !== undefined;
}

/**
 * The entry effects of a state with params evaluated from `context` alone: what a restart
 * replays (entry params come from context only).
 */
export function entryEffects(definition: FlowDefinition, runtime: FlowRuntime, value: string, context: FlowContext): FlowAction[] {
  const actions: FlowAction[] = [];
  run(stateOf(resolved(definition, runtime), value).entry, { context, event: { type: 'restore' } as unknown as FlowEvent, owned: false }, actions);
  return actions;
}
