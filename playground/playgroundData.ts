import type { AnyStateMachine } from 'xstate';
import { FLOW_NAMES, machines } from '../machines/index';
import type { FlowName } from '../machines/types';
import { ACTIVATION_ERRORS } from '../src/domain/enums';

/** One transition of a flow machine, as the playground draws it. */
export interface TransitionView {
  readonly event: string;
  readonly target: string;
  readonly guard: string | null;
}

/** One state box of a flow machine. */
export interface StateView {
  readonly name: string;
  readonly final: boolean;
  readonly transitions: readonly TransitionView[];
}

/** A flow machine as the playground's statechart panel draws it. */
export interface MachineView {
  readonly flow: FlowName;
  readonly initial: string;
  readonly states: readonly StateView[];
}

/** What the host page loads once: the statecharts and the outcome pickers' choices. */
export interface PlaygroundData {
  readonly machines: Readonly<Record<string, MachineView>>;
  readonly activationErrors: readonly string[];
  readonly registrations: readonly string[];
}

/**
 * The flow machines as plain data (state names in declaration order, final flags, transitions
 * with their named guards), read from the machine definitions themselves.
 *
 * @example playgroundData().machines['delayedDownload']?.initial // 'received'
 */
export function playgroundData(): PlaygroundData {
  const views: Record<string, MachineView> = {};
  for (const flow of FLOW_NAMES) views[flow] = machineView(flow, machines[flow] as unknown as AnyStateMachine);
  return { machines: views, activationErrors: [...ACTIVATION_ERRORS], registrations: ['home', 'roaming', 'partner', 'denied', 'none'] };
}

function machineView(flow: FlowName, machine: AnyStateMachine): MachineView {
  const root = machine.root;
  const initial = root.initial?.target[0]?.key ?? '';
  const states = Object.values(root.states).map((node) => ({
    name: node.key,
    final: node.type === 'final',
    transitions: [...node.transitions.values()].flat().map((t) => ({
      event: t.eventType,
      target: t.target?.[0]?.key ?? node.key,
      guard: guardName(t.guard),
    })),
  }));
  return { flow, initial, states };
}

function guardName(guard: unknown): string | null {
  if (guard === undefined || guard === null) return null;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && 'type' in guard && typeof guard.type === 'string') {
    const type = guard.type;
    const params = (guard as { params?: unknown }).params;
    if (typeof params === 'object' && params !== null && 'route' in params) return `${type}(${String(params.route)})`;
    return type;
  }
  if (typeof guard !== 'function') return null;
  // xstate's and()/or()/not() are functions carrying the guards they combine.
  const combined = (guard as { guards?: unknown }).guards;
  return Array.isArray(combined) ? `${guard.name}(${combined.map(guardName).join(', ')})` : guard.name || 'guard';
}
