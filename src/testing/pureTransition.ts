import { createActor, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';

/** A named action as xstate returns it: the effect a machine asked for. */
export interface MachineAction {
  readonly type: string;
  readonly params?: unknown;
}

/** An inert actor scope that collects the actions a transition asks for instead of running them. */
interface InertScope {
  readonly scope: AnyActorScope;
  actions: MachineAction[];
}

// xstate's transition() builds a throwaway actor (and runs the context factory) per call: one inert scope per machine instead.
const scopes = new WeakMap<AnyStateMachine, InertScope>();

function inertScope(machine: AnyStateMachine): InertScope {
  let inert = scopes.get(machine);
  if (inert === undefined) {
    const self = createActor(machine);
    const made: InertScope = {
      actions: [],
      scope: { self, id: '', sessionId: '', system: self.system, logger: () => {}, defer: () => {}, emit: () => {}, stopChild: () => {}, actionExecutor: (action) => void made.actions.push(action) },
    };
    scopes.set(machine, (inert = made));
  }
  inert.actions = [];
  return inert;
}

/** The scope parameter of a machine method as xstate types it (its AnyActorScope is ActorScope<any, ...>). */
type ScopeOf<M extends 'getInitialSnapshot' | 'transition'> = M extends 'transition' ? Parameters<AnyStateMachine['transition']>[2] : Parameters<AnyStateMachine['getInitialSnapshot']>[0];

/** xstate's pure `initialTransition(machine, input)`, through a reused inert scope. */
export function pureInitialTransition(machine: AnyStateMachine, input: unknown): [AnyMachineSnapshot, MachineAction[]] {
  const inert = inertScope(machine);
  return [machine.getInitialSnapshot(inert.scope as ScopeOf<'getInitialSnapshot'>, input), inert.actions];
}

/** xstate's pure `transition(machine, snapshot, event)`, through a reused inert scope. */
export function pureTransition(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: { type: string }): [AnyMachineSnapshot, MachineAction[]] {
  const inert = inertScope(machine);
  return [machine.transition(snapshot, event, inert.scope as ScopeOf<'transition'>), inert.actions];
}

/**
 * The entry actions of a flat machine's state, with params evaluated from `context` alone:
 * what a restart replays (machines take entry params from context only).
 */
export function entryActions(machine: AnyStateMachine, value: string, context: unknown): MachineAction[] {
  const node = machine.root.states[value];
  const restoring = { context, event: { type: 'restore' } };
  return (node?.entry ?? []).map((action) => {
    const { type, params } = typeof action === 'string' ? { type: action, params: undefined } : (action as MachineAction);
    return { type, params: typeof params === 'function' ? (params as (arg: typeof restoring) => unknown)(restoring) : params };
  });
}
