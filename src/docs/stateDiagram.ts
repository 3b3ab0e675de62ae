import type { FlowGraph, TransitionInfo } from './machineGraph';
import { diagram, mermaidText } from './mermaid';

/**
 * How a transition reads on a diagram edge and in the tables: `event [guard]`.
 *
 * @param t - a transition from {@link FlowGraph}
 * @example transitionLabel({ event: 'timer.fired', guard: 'deadlinePassed', ... }) // 'timer.fired [deadlinePassed]'
 */
export function transitionLabel(t: Pick<TransitionInfo, 'event' | 'guard'>): string {
  return t.guard === null ? t.event : `${t.event} [${t.guard}]`;
}

/**
 * The edge line a transition becomes in the state diagram, e.g.
 * `scheduled --> toastShown : timer.fired [deadlinePassed]`. A transition without a target
 * is drawn as a loop on its state.
 */
export function edgeLine(t: TransitionInfo): string {
  return `${t.source} --> ${t.target} : ${mermaidText(transitionLabel(t))}`;
}

/**
 * A Mermaid `stateDiagram-v2` of a flow: every state, the initial and final pseudo-states,
 * and every transition labelled `event [guard]`, in the machine's order.
 *
 * @param graph - the walked machine
 */
export function stateDiagram(graph: FlowGraph): string {
  const finals = graph.states.filter((s) => s.final).map((s) => s.name);
  const lines = [
    ...graph.states.map((s) => s.name),
    `[*] --> ${graph.initial}`,
    ...graph.states.flatMap((s) => s.transitions.map(edgeLine)),
    ...finals.map((name) => `${name} --> [*]`),
    'classDef finalState fill:#eef6ee,stroke:#2e7d32',
    ...(finals.length > 0 ? [`class ${finals.join(',')} finalState`] : []),
  ];
  return diagram('stateDiagram-v2', lines);
}
