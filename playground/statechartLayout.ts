/**
 * Lays out a flow machine as a state diagram for the playground, with ELK's layered algorithm
 * (elkjs), from the same walk of the machine the flow docs draw from (`describeFlow`). The
 * layout is computed once in Node and sent to the page as plain numbers; the page only draws.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkLabel, ElkNode } from 'elkjs/lib/elk-api';
import type { FlowName } from '../machines/types';
import { describeFlow, type FlowGraph } from '../src/docs/machineGraph';
import { transitionLabel } from '../src/docs/stateDiagram';

/** A point of the drawing, in SVG user units. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A box of the drawing. */
export interface Box extends Point {
  readonly width: number;
  readonly height: number;
}

/** One state, placed. */
export interface StateBox extends Box {
  readonly name: string;
  readonly initial: boolean;
  readonly final: boolean;
}

/** One transition, routed: the path from source to target and its label's box. */
export interface TransitionEdge {
  /** The transition's index in the flow, state by state in the machine's order. */
  readonly index: number;
  readonly source: string;
  readonly target: string;
  /** False for a transition that stays in its state (drawn as a loop). */
  readonly leaves: boolean;
  readonly event: string;
  readonly guard: string | null;
  /** `event [guard]`, as the docs write it. */
  readonly label: string;
  /** The lines the label is drawn on: the event, then the guard in brackets. */
  readonly lines: readonly string[];
  /** The route, start to end (the arrowhead is at the end). */
  readonly points: readonly Point[];
  readonly labelBox: Box;
}

/** A flow's state diagram, placed and routed. */
export interface StatechartLayout {
  readonly flow: FlowName;
  readonly width: number;
  readonly height: number;
  /** The initial pseudo-state (a filled dot) and the arrow from it to the initial state. */
  readonly start: { readonly center: Point; readonly radius: number; readonly points: readonly Point[] };
  readonly states: readonly StateBox[];
  readonly transitions: readonly TransitionEdge[];
}

/** Text metrics of the page's monospace font (the drawing uses it, so widths are predictable). */
export const CHART_FONT = { stateSize: 13, labelSize: 11, charWidth: 0.61, lineHeight: 1.3 } as const;

const START_ID = '__start';
const STATE_PAD = { x: 14, height: 34 };
const START_RADIUS = 7;

// One engine for every layout: making one costs more than laying out a small flow.
let engine: InstanceType<typeof ELK> | undefined;

const textWidth = (text: string, size: number) => Math.ceil(text.length * size * CHART_FONT.charWidth);

/** How a transition's label is broken: the event, then `[guard]` on its own line. */
export function labelLines(t: { event: string; guard: string | null }): string[] {
  return t.guard === null ? [t.event] : [t.event, `[${t.guard}]`];
}

/**
 * Place a flow's states and route its transitions.
 *
 * @param flow - the flow to draw
 * @example const layout = await layoutStatechart('delayedDownload'); layout.states.find((s) => s.initial)?.name // 'received'
 */
export async function layoutStatechart(flow: FlowName): Promise<StatechartLayout> {
  const graph = describeFlow(flow);
  engine ??= new ELK();
  const laidOut = await engine.layout(elkGraph(graph));
  return readLayout(graph, laidOut);
}

function elkGraph(graph: FlowGraph): ElkNode {
  const transitions = graph.states.flatMap((s) => s.transitions);
  const labelSize = CHART_FONT.labelSize;
  return {
    id: graph.flow,
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '34',
      'elk.spacing.nodeNode': '28',
      'elk.spacing.edgeLabel': '4',
      'elk.spacing.edgeNode': '14',
      'elk.spacing.edgeEdge': '10',
      'elk.layered.spacing.edgeNodeBetweenLayers': '12',
      'elk.edgeLabels.inline': 'false',
      'elk.layered.nodePlacement.strategy': 'LINEAR_SEGMENTS',
      // Edges back to a state declared earlier are the loops (retries, a second code): they point up.
      'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
      'elk.layered.crossingMinimization.semiInteractive': 'false',
      'elk.padding': '[top=12,left=12,bottom=12,right=12]',
    },
    children: [
      { id: START_ID, width: START_RADIUS * 2, height: START_RADIUS * 2 },
      ...graph.states.map((s) => ({ id: s.name, width: textWidth(s.name, CHART_FONT.stateSize) + STATE_PAD.x * 2, height: STATE_PAD.height })),
    ],
    edges: [
      { id: 'start', sources: [START_ID], targets: [graph.initial] },
      ...transitions.map((t, index): ElkExtendedEdge => {
        const lines = labelLines(t);
        const label: ElkLabel = {
          id: `label-${index}`,
          text: transitionLabel(t),
          width: Math.max(...lines.map((l) => textWidth(l, labelSize))) + 6,
          height: Math.ceil(lines.length * labelSize * CHART_FONT.lineHeight) + 4,
          layoutOptions: { 'elk.edgeLabels.placement': 'CENTER' },
        };
        return { id: `t-${index}`, sources: [t.source], targets: [t.target], labels: [label] };
      }),
    ],
  };
}

function readLayout(graph: FlowGraph, root: ElkNode): StatechartLayout {
  const nodes = new Map((root.children ?? []).map((n) => [n.id, n]));
  const edges = new Map((root.edges ?? []).map((e) => [e.id, e]));
  const box = (id: string): Box => {
    const node = nodes.get(id);
    if (node === undefined) throw new Error(`${graph.flow}: ELK placed no node ${id}`);
    return { x: node.x ?? 0, y: node.y ?? 0, width: node.width ?? 0, height: node.height ?? 0 };
  };
  const route = (id: string): Point[] => {
    const section = edges.get(id)?.sections?.[0];
    if (section === undefined) throw new Error(`${graph.flow}: ELK routed no edge ${id}`);
    return [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(({ x, y }) => ({ x, y }));
  };
  const startBox = box(START_ID);
  const transitions = graph.states.flatMap((s) => s.transitions);
  return {
    flow: graph.flow,
    width: Math.ceil(root.width ?? 0),
    height: Math.ceil(root.height ?? 0),
    start: { center: { x: startBox.x + START_RADIUS, y: startBox.y + START_RADIUS }, radius: START_RADIUS, points: route('start') },
    states: graph.states.map((s) => ({ name: s.name, initial: s.initial, final: s.final, ...box(s.name) })),
    transitions: transitions.map((t, index) => {
      const label = edges.get(`t-${index}`)?.labels?.[0];
      return {
        index,
        source: t.source,
        target: t.target,
        leaves: t.leaves,
        event: t.event,
        guard: t.guard,
        label: transitionLabel(t),
        lines: labelLines(t),
        points: route(`t-${index}`),
        labelBox: { x: label?.x ?? 0, y: label?.y ?? 0, width: label?.width ?? 0, height: label?.height ?? 0 },
      };
    }),
  };
}
