import type { AnyMachineSnapshot, AnyStateMachine, AnyTransitionDefinition } from 'xstate';
import { entryActions, pureInitialTransition, pureTransition } from './pureTransition';
import type { FlowContext, FlowEvent, FlowInput } from '../../machines/types';

/*
 * What the model tests need to know about a flow machine's structure: its states, its
 * transitions as (source, event, guard, target), which transition an event takes, and the
 * effects (named actions) a step asks for.
 */

/** A primitive's or a function's text (as an unknown: the narrowed `{}` reads to the linter like an object). */
function textOf(value: unknown): string {
  return String(value);
}

/** A flow machine snapshot, typed just enough for the tests. */
export type FlowSnapshot = Typed<AnyMachineSnapshot>;
/** Each kind of snapshot with our value and context: intersected with xstate's `any` context, FlowContext stayed `any`. */
type Typed<S> = S extends unknown ? Omit<S, 'value' | 'context'> & { readonly value: string; readonly context: FlowContext } : never;

/** One transition of a machine, as the coverage report lists it. */
export interface TransitionInfo {
  readonly source: string;
  readonly event: string;
  readonly guard: string | null;
  /** The target state, or null for a transition that stays (actions only). */
  readonly target: string | null;
}

/** A named action a step asks for: the effect, with its params resolved. */
export interface Effect {
  readonly type: string;
  readonly params?: unknown;
}

/** The name of every state of a (flat) machine. */
export function stateNames(machine: AnyStateMachine): string[] {
  return Object.keys(machine.root.states);
}

/** The names of the final states. */
export function finalStateNames(machine: AnyStateMachine): string[] {
  return Object.entries(machine.root.states)
    .filter(([, node]) => node.type === 'final')
    .map(([name]) => name);
}

/** A guard as text: `hasIccid`, `legacyRoute(balance)`, `and(registrationDenied, registrationAttemptsLeft)`. */
export function guardName(guard: unknown): string {
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function' && 'guards' in guard) {
    const inner = (guard as unknown as { guards: unknown[] }).guards;
    return `${guard.name}(${inner.map(guardName).join(', ')})`;
  }
  if (typeof guard === 'object' && guard !== null && 'type' in guard) {
    const { type, params } = guard as { type: string; params?: unknown };
    const shown = params === undefined ? '' : typeof params === 'object' && params !== null ? Object.values(params).join(', ') : textOf(params);
    return `${type}(${shown})`;
  }
  return String(guard);
}

/** Every transition definition of a machine, with its printable form. */
export function transitionsOf(machine: AnyStateMachine): Map<AnyTransitionDefinition, TransitionInfo> {
  const all = new Map<AnyTransitionDefinition, TransitionInfo>();
  for (const [name, node] of Object.entries(machine.root.states)) {
    for (const [event, definitions] of node.transitions) {
      for (const definition of definitions) {
        all.set(definition, {
          source: name,
          event,
          guard: definition.guard === undefined ? null : guardName(definition.guard),
          target: definition.target?.[0]?.key ?? null,
        });
      }
    }
  }
  return all;
}

/** `source --event [guard]--> target` */
export function describeTransition(t: TransitionInfo): string {
  return `${t.source} --${t.event}${t.guard === null ? '' : ` [${t.guard}]`}--> ${t.target ?? '(stays)'}`;
}

/** The transitions an event takes from a snapshot (none when it is ignored). */
export function takenTransitions(snapshot: AnyMachineSnapshot, event: FlowEvent): AnyTransitionDefinition[] {
  const machine = snapshot.machine as AnyStateMachine;
  return machine.getTransitionData(snapshot as never, event).filter((t) => t.target !== undefined || t.actions.length > 0);
}

const XSTATE_INTERNAL = /^xstate\./;

function effectsOf(actions: ReadonlyArray<{ type: string; params?: unknown }>): Effect[] {
  return actions.filter((a) => !XSTATE_INTERNAL.test(a.type)).map((a) => (a.params === undefined ? { type: a.type } : { type: a.type, params: a.params }));
}

/** The initial snapshot of a machine for an input (xstate's pure `initialTransition`). */
export function initialSnapshot(machine: AnyStateMachine, input: FlowInput): FlowSnapshot {
  return pureInitialTransition(machine, input)[0] as FlowSnapshot;
}

/**
 * One pure step of a machine (xstate's pure `transition`): the next snapshot and the effects it
 * asks for (named actions only, in order; assigns are not effects).
 */
export function stepMachine(snapshot: FlowSnapshot, event: FlowEvent): { next: FlowSnapshot; effects: Effect[] } {
  const machine = snapshot.machine as AnyStateMachine;
  const [next, actions] = pureTransition(machine, snapshot, event);
  return { next: next as FlowSnapshot, effects: effectsOf(actions) };
}

/** The effects a state's entry asks for, with params from the context alone (what a restart replays). */
export function entryEffects(s: FlowSnapshot): Effect[] {
  return entryActions(s.machine as AnyStateMachine, s.value, s.context).map(({ type, params }) => (params === undefined ? { type } : { type, params }));
}
