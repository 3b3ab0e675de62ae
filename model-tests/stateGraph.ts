import type { AnyStateMachine } from 'xstate';
import { getAdjacencyMap } from 'xstate/graph';
import type { FlowEvent, FlowInput } from '../machines/types';
import { graphEvents } from '../src/testing/events';
import { stepMachine, type Effect, type FlowSnapshot } from '../src/testing/machineModel';

/*
 * The full reachable state graph of a machine from one input: every (state value, context)
 * and every event of `graphEvents` from it, with the effects each step asks for. Finite,
 * because every `now` comes from the context.
 */

/** One event from one state: where it leads and what it asks for. */
export interface Edge {
  readonly from: string;
  readonly to: string;
  readonly event: FlowEvent;
  readonly effects: readonly Effect[];
  /** Whether the machine took a transition (false: the event was ignored). */
  readonly taken: boolean;
}

export interface StateGraph {
  readonly machine: AnyStateMachine;
  readonly input: FlowInput;
  readonly initial: string;
  readonly nodes: ReadonlyMap<string, FlowSnapshot>;
  readonly edges: readonly Edge[];
  readonly outgoing: ReadonlyMap<string, readonly Edge[]>;
}

const keys = new WeakMap<FlowSnapshot, string>();

/** A snapshot's identity in the graph: its state value and whole context. */
export function nodeKey(snapshot: FlowSnapshot): string {
  let key = keys.get(snapshot);
  if (key === undefined) keys.set(snapshot, (key = JSON.stringify([snapshot.value, snapshot.context])));
  return key;
}

/** Explore every reachable state of `machine` from `input` with `getAdjacencyMap`. */
export function exploreGraph(machine: AnyStateMachine, input: FlowInput, events: (s: FlowSnapshot) => FlowEvent[] = graphEvents): StateGraph {
  const adjacency = getAdjacencyMap(machine, {
    input,
    events: (snapshot) => events(snapshot as FlowSnapshot),
    serializeState: (snapshot) => nodeKey(snapshot as FlowSnapshot),
  });
  const nodes = new Map<string, FlowSnapshot>();
  const edges: Edge[] = [];
  const outgoing = new Map<string, Edge[]>();
  let initial: string | null = null;
  for (const [key, { state, transitions }] of Object.entries(adjacency)) {
    const snapshot = state as FlowSnapshot;
    initial ??= key;
    nodes.set(key, snapshot);
    const out: Edge[] = [];
    for (const { event, state: next } of Object.values<{ event: unknown; state: unknown }>(transitions)) {
      const flowEvent = event as FlowEvent;
      const { next: stepped, effects } = stepMachine(snapshot, flowEvent);
      const to = nodeKey(next as FlowSnapshot);
      if (nodeKey(stepped) !== to) throw new Error(`exploreGraph: xstate's transition and the graph disagree on ${flowEvent.type} from ${key}`);
      out.push({ from: key, to, event: flowEvent, effects, taken: snapshot.status === 'active' && snapshot.can(flowEvent) });
    }
    outgoing.set(key, out);
    edges.push(...out);
  }
  if (initial === null) throw new Error('exploreGraph: no initial state');
  return { machine, input, initial, nodes, edges, outgoing };
}

/**
 * What happened on the way to a state, as far as the invariants care. Counts stop at 2
 * ("more than once"), so the product of states and histories stays finite.
 */
export interface History {
  readonly downloads: number;
  readonly activations: number;
  readonly reports: number;
  readonly enabled: boolean;
  readonly toastShown: boolean;
  readonly discoveryStarted: boolean;
  readonly cancelled: boolean;
}

const NO_HISTORY: History = { downloads: 0, activations: 0, reports: 0, enabled: false, toastShown: false, discoveryStarted: false, cancelled: false };

function extend(h: History, edge: Edge): History {
  const count = (type: string) => edge.effects.filter((e) => e.type === type).length;
  return {
    downloads: Math.min(2, h.downloads + count('download')),
    activations: Math.min(2, h.activations + count('activationComplete')),
    reports: Math.min(2, h.reports + count('report')),
    enabled: h.enabled || count('enable') > 0,
    toastShown: h.toastShown || count('showToast') > 0,
    discoveryStarted: h.discoveryStarted || count('discover') > 0,
    cancelled: h.cancelled || (edge.taken && edge.event.type === 'portal.cancel'),
  };
}

/** An edge of the history graph: an edge of the state graph taken with a given history. */
export interface HistoryEdge {
  readonly edge: Edge;
  readonly before: History;
  readonly after: History;
  /** The events from the initial state that lead here and take this edge: a counterexample path. */
  readonly path: () => FlowEvent[];
}

/**
 * Every (state, history) pair reachable from the initial state, and every edge from each:
 * properties of whole paths ("exactly one report on every path") become properties of edges.
 */
export function historyEdges(graph: StateGraph): { nodes: Map<string, { key: string; history: History }>; edges: HistoryEdge[] } {
  const id = (key: string, h: History) => `${key}|${JSON.stringify(h)}`;
  const start = id(graph.initial, NO_HISTORY);
  const nodes = new Map<string, { key: string; history: History; parent: { node: string; event: FlowEvent } | null }>([[start, { key: graph.initial, history: NO_HISTORY, parent: null }]]);
  const queue = [start];
  const edges: HistoryEdge[] = [];
  const pathTo = (node: string): FlowEvent[] => {
    const events: FlowEvent[] = [];
    for (let n = nodes.get(node); n?.parent; n = nodes.get(n.parent.node)) events.unshift(n.parent.event);
    return events;
  };
  while (queue.length > 0) {
    const current = queue.shift()!;
    const { key, history } = nodes.get(current)!;
    for (const edge of graph.outgoing.get(key) ?? []) {
      const after = extend(history, edge);
      const next = id(edge.to, after);
      if (!nodes.has(next)) {
        nodes.set(next, { key: edge.to, history: after, parent: { node: current, event: edge.event } });
        queue.push(next);
      }
      edges.push({ edge, before: history, after, path: () => [...pathTo(current), edge.event] });
    }
  }
  return { nodes, edges };
}
