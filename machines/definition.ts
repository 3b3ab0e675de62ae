import type { ActionParams, DeadlineActionName, DeadlineAfter, FlowArgs, GuardParams, TimerGuardName } from './runtime';
import type { FlowContext, FlowEvent, FlowInput, FlowName, FlowTiming } from './types';

/*
 * The flows as plain statechart definitions, free of any runtime: xstate builds its machines
 * from them (machines/xstate.ts: docs, model tests, graph tools) and the core runs them with a
 * small interpreter of the same semantics (src/core/flowRunner.ts), checked against xstate by
 * the model tests. Effects are named actions with params; context changes are named updates;
 * decisions are named guards.
 */

const MINUTE = 60_000;

/** The durations and bounds of every flow unless the host configures others. */
export const DEFAULT_TIMING: FlowTiming = {
  registrationTimeoutMs: 5 * MINUTE,
  registrationRetryMs: 15 * MINUTE,
  maxRegistrationAttempts: 4,
  discoveryRetryMs: 15 * MINUTE,
  maxDiscoveryAttempts: 4,
  maxConfirmationAttempts: 3,
  // Long enough to find a code sent by e-mail or SMS; an unanswered prompt must not keep the operation forever (D39).
  confirmationPromptTimeoutMs: 30 * MINUTE,
  toastLifetimeMs: 24 * 60 * MINUTE,
  awaitingUserLifetimeMs: 7 * 24 * 60 * MINUTE,
};

const TIMING_KEYS = Object.keys(DEFAULT_TIMING) as (keyof FlowTiming)[];

/** A timing as a string, equal for equal timings: what caches per timing are keyed by. */
export function timingKey(timing: FlowTiming): string {
  return TIMING_KEYS.map((name) => timing[name]).join(',');
}

/** The initial context of every flow, from the core's input. */
export function initialContext(input: FlowInput): FlowContext {
  return {
    operationId: input.operationId,
    delayMs: input.delayMs,
    createdAt: input.now,
    code: input.code ?? null,
    iccid: input.iccid ?? null,
    inputError: input.inputError ?? null,
    legacyRoute: input.legacyRoute ?? null,
    deadline: null,
    startAt: null,
    confirmationAttempts: 0,
    registrationAttempts: 0,
    discoveryAttempts: 0,
    failure: null,
    registrationState: null,
  };
}

/** The name of an action a flow may write: every effect and update but the deadline's own (a state's `deadline` has them). */
export type FlowActionName = Exclude<keyof ActionParams, DeadlineActionName>;

/** The name of a guard a flow may write on an input: every guard but those that decide on a fired timer. */
export type FlowGuardName = Exclude<keyof GuardParams, TimerGuardName>;

/**
 * A named action: its name, or its name with params (fixed, or computed from context and
 * event). `N` (by default the actions a flow may write) names the actions allowed.
 */
export type ActionRef<N extends keyof ActionParams = FlowActionName> = {
  [K in N]: ActionParams[K] extends undefined
    ? K | { readonly type: K }
    : { readonly type: K; readonly params: ActionParams[K] | ((args: FlowArgs) => ActionParams[K]) };
}[N];

/** A named guard: its name, or its name with params. `N` (by default the guards a flow may write on an input) names the guards allowed. */
export type GuardRef<N extends keyof GuardParams = FlowGuardName> = {
  [K in N]: GuardParams[K] extends undefined ? K : { readonly type: K; readonly params: GuardParams[K] };
}[N];

/** One item, or several in order. */
export type OneOrMany<T> = T | readonly T[];

/** An input a flow takes from its states' `on`: every event but `timer.fired`, which only a state's `deadline` takes. */
export type FlowInputType = Exclude<FlowEvent['type'], 'timer.fired'>;

/** One transition: taken when its guard holds (or it has none); no target keeps the state. `S`: the flow's state names. */
export interface TransitionDefinition<S extends string = string> {
  readonly target?: S;
  readonly guard?: GuardRef;
  readonly actions?: OneOrMany<ActionRef>;
}

/** A transition tried first when a state's deadline timer fires, with a guard that decides on the timer itself. */
export interface TimerTransitionDefinition<S extends string = string> {
  readonly guard: GuardRef<TimerGuardName>;
  readonly target?: S;
  readonly actions?: OneOrMany<ActionRef>;
}

/**
 * The deadline of a state: counted from the moment the state is entered for the timing `after`,
 * armed while the flow is there, cleared when it leaves; once it passes, the flow goes to
 * `target`, unless one of the `first` candidates is taken. `expandDeadlines`
 * (machines/deadline.ts) turns it into what the runtimes run (decision D62).
 */
export interface DeadlineDefinition<S extends string = string> {
  /** The timing it counts, e.g. `delay` (the operation's rounded delay) or `toastLifetime`. */
  readonly after: DeadlineAfter;
  /** Where the flow goes once it has passed. */
  readonly target: S;
  /** Run on the way to `target`. */
  readonly actions?: OneOrMany<ActionRef>;
  /** Tried in order before `target` when the timer fires: the first whose guard holds is taken. */
  readonly first?: OneOrMany<TimerTransitionDefinition<S>>;
}

/** One state of a flow. `S`: the flow's state names, what every target must be. */
export interface StateDefinition<S extends string = string> {
  /** A final state ends the operation. */
  readonly type?: 'final';
  readonly entry?: OneOrMany<ActionRef>;
  readonly exit?: OneOrMany<ActionRef>;
  /** How long the flow may stay here, and where it goes then. */
  readonly deadline?: DeadlineDefinition<S>;
  /** By input type: a target, a transition, or candidates tried in order (the first whose guard holds). */
  readonly on?: { readonly [E in FlowInputType]?: S | OneOrMany<TransitionDefinition<S>> };
}

/** One flow: flat states, the first of which is `initial`. `S`: its state names. */
export interface FlowDefinition<S extends string = string> {
  readonly id: FlowName;
  readonly initial: S;
  readonly states: { readonly [K in S]: StateDefinition<S> };
}

/**
 * Type-checks a flow definition (identity at run time): `initial` and every target must be one
 * of its states, every action, guard and deadline timing one the runtime defines
 * (machines/runtime.ts). The state names are inferred from `states`.
 */
// The names are inferred from the keys of `states` only (NoInfer elsewhere), so a misspelling is reported where it is written.
export function defineFlow<const S extends string>(definition: {
  readonly id: FlowName;
  readonly initial: NoInfer<S>;
  readonly states: { readonly [K in S]: StateDefinition<NoInfer<S>> };
}): FlowDefinition<S> {
  return definition;
}

/** Type-checks a state definition shared between flows (identity at run time); its targets are checked where a flow uses it. */
export function defineState<const S extends StateDefinition>(state: S): S {
  return state;
}
