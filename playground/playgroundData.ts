import { FLOW_NAMES } from '../machines/index';
import type { FlowName } from '../machines/types';
import { ACTIVATION_ERRORS } from '../src/domain/enums';
import { describeFlow } from '../src/docs/machineGraph';
import { layoutStatechart, type StatechartLayout } from './statechartLayout';

/** One transition of a flow machine, as the playground draws it. */
export interface TransitionView {
  readonly event: string;
  readonly target: string;
  /** False for a transition that stays in its state. */
  readonly leaves: boolean;
  readonly guard: string | null;
}

/** One state of a flow machine. */
export interface StateView {
  readonly name: string;
  readonly final: boolean;
  readonly transitions: readonly TransitionView[];
}

/** A flow machine as the playground's statechart panel draws it: its states, and the drawing. */
export interface MachineView {
  readonly flow: FlowName;
  readonly initial: string;
  readonly states: readonly StateView[];
  readonly layout: StatechartLayout;
}

/** What the host page loads once: the statecharts and the outcome pickers' choices. */
export interface PlaygroundData {
  readonly machines: Readonly<Record<string, MachineView>>;
  readonly activationErrors: readonly string[];
  readonly registrations: readonly string[];
}

let computed: Promise<PlaygroundData> | undefined;

/**
 * The flow machines as plain data, from the same walk of the machines the flow docs use
 * (`describeFlow`: states in declaration order, final flags, transitions with their named
 * guards), each with its state diagram laid out.
 *
 * @example (await playgroundData()).machines['delayedDownload']?.initial // 'received'
 */
export function playgroundData(): Promise<PlaygroundData> {
  // The machines never change while the process runs; laying them out takes seconds.
  computed ??= (async () => {
    const views: Record<string, MachineView> = {};
    for (const flow of FLOW_NAMES) views[flow] = await machineView(flow);
    return { machines: views, activationErrors: [...ACTIVATION_ERRORS], registrations: ['home', 'roaming', 'partner', 'denied', 'none'] };
  })();
  return computed;
}

async function machineView(flow: FlowName): Promise<MachineView> {
  const graph = describeFlow(flow);
  const states = graph.states.map((s) => ({
    name: s.name,
    final: s.final,
    transitions: s.transitions.map((t) => ({ event: t.event, target: t.target, leaves: t.leaves, guard: t.guard })),
  }));
  return { flow, initial: graph.initial, states, layout: await layoutStatechart(flow) };
}
