import { flows } from '../machines/flows';
import type { FlowEvent, FlowName } from '../machines/types';
import { entryEffects, type FlowSnapshot } from '../src/testing/machineModel';
import { SECRET_MATCHING_IDS } from '../src/testing/scenarios';
import { historyEdges, type Edge, type HistoryEdge, type StateGraph } from './stateGraph';

/*
 * The invariants every flow machine must keep, as named predicates over its full reachable
 * state graph (the flow documents in docs/flows/, decisions D19, D20 and D24 in docs/decisions.md).
 * Each returns its violations with a counterexample path from the initial state.
 */

/** A broken invariant and the events that break it. */
export interface Violation {
  readonly invariant: string;
  readonly message: string;
  readonly path: string;
}

/** A graph with the path histories the invariants need, built once per graph. */
export interface CheckedGraph {
  readonly graph: StateGraph;
  readonly history: ReturnType<typeof historyEdges>;
}

export interface Invariant {
  readonly name: string;
  readonly check: (g: CheckedGraph) => Violation[];
}

/** Prepare a graph for the invariants. */
export function checked(graph: StateGraph): CheckedGraph {
  return { graph, history: historyEdges(graph) };
}

/** A path of events as one readable line. */
export function formatPath(events: readonly FlowEvent[]): string {
  return events
    .map((e) => {
      const { type, now, ...payload } = e as FlowEvent & Record<string, unknown>;
      const shown = Object.values(payload).map((v) => (typeof v === 'object' && v !== null && 'masked' in v ? String((v as { masked: string }).masked) : String(v)));
      return `${type}${shown.length > 0 ? `(${shown.join(', ')})` : ''}@${now}`;
    })
    .join(' → ');
}

const has = (edge: Edge, type: string) => edge.effects.some((e) => e.type === type);
const state = (g: CheckedGraph, key: string): FlowSnapshot => g.graph.nodes.get(key)!;
const changesState = (g: CheckedGraph, edge: Edge) => edge.taken && state(g, edge.from).value !== state(g, edge.to).value;

function onHistoryEdges(name: string, broken: (h: HistoryEdge, g: CheckedGraph) => string | null): Invariant {
  return {
    name,
    check: (g) =>
      g.history.edges.flatMap((h) => {
        const message = broken(h, g);
        return message === null ? [] : [{ invariant: name, message, path: formatPath(h.path()) }];
      }),
  };
}

/** A path to a state of the graph (for invariants about states). */
function pathTo(g: CheckedGraph, key: string): string {
  const edge = g.history.edges.find((h) => h.edge.to === key);
  return edge === undefined ? '(the initial state)' : formatPath(edge.path());
}

function onStates(name: string, broken: (key: string, s: FlowSnapshot, g: CheckedGraph) => string | null): Invariant {
  return {
    name,
    check: (g) =>
      [...g.graph.nodes].flatMap(([key, s]) => {
        const message = broken(key, s, g);
        return message === null ? [] : [{ invariant: name, message, path: pathTo(g, key) }];
      }),
  };
}

export const CANCELLED_NEVER_DOWNLOADS = onHistoryEdges('a cancelled operation never downloads', ({ after }) =>
  after.cancelled && after.downloads > 0 ? 'a download and an accepted cancel on one path' : null,
);

export const CANCEL_ONLY_BEFORE_TOAST = onHistoryEdges('cancel is accepted only before the toast', ({ edge, before }) => {
  if (!edge.taken || edge.event.type !== 'portal.cancel') return null;
  if (before.toastShown) return 'cancel accepted after the toast was shown';
  if (before.discoveryStarted) return 'cancel accepted after SM-DS discovery started';
  if (before.downloads > 0) return 'cancel accepted after the download started';
  return null;
});

export const CANCEL_ENDS_CANCELLED = onHistoryEdges('an accepted cancel ends the operation as cancelled', ({ edge }, g) => {
  if (!edge.taken || edge.event.type !== 'portal.cancel') return null;
  const report = edge.effects.find((e) => e.type === 'report')?.params as { outcome?: string } | undefined;
  return state(g, edge.to).value === 'cancelled' && report?.outcome === 'cancelled' ? null : `cancel led to ${state(g, edge.to).value}`;
});

export const TOAST_NOT_BEFORE_DEADLINE = onHistoryEdges('the toast is never shown before the rounded deadline', ({ edge }, g) => {
  if (!has(edge, 'showToast')) return null;
  const c = state(g, edge.from).context;
  if (c.startAt === null) return 'toast shown with no startAt';
  if (c.startAt !== c.createdAt + c.delayMs) return `startAt ${c.startAt} is not createdAt + the rounded delay`;
  return edge.event.now < c.startAt ? `toast shown at ${edge.event.now}, before startAt ${c.startAt}` : null;
});

export const EXACTLY_ONE_REPORT = onHistoryEdges('exactly one report per operation, and nothing after it', ({ edge, after }, g) => {
  const from = state(g, edge.from);
  if (from.status === 'done') {
    return edge.taken || edge.effects.length > 0 || edge.to !== edge.from ? `${edge.event.type} does something after the final state ${from.value}` : null;
  }
  const final = state(g, edge.to).status === 'done';
  if (final && after.reports !== 1) return `reaches final ${state(g, edge.to).value} with ${after.reports} reports`;
  if (!final && after.reports !== 0) return `reports and goes on to ${state(g, edge.to).value}`;
  return null;
});

export const ACTIVATION_AT_MOST_ONCE = onHistoryEdges('the activation callback fires at most once per download', ({ edge, before, after }) => {
  if (after.activations > 1) return 'profileActivationComplete twice on one path';
  const activation = edge.effects.find((e) => e.type === 'activationComplete')?.params as { activationResult?: string } | undefined;
  if (activation?.activationResult === 'success' && !before.enabled) return 'profileActivationComplete(success) before the profile was enabled';
  return null;
});

/** Final states after which the portal must have heard profileActivationComplete (docs/flows/). */
const ACTIVATED_OR_FAILED = new Set(['connected', 'notConnected', 'modemFailed', 'failed', 'rejected']);

export const ACTIVATION_TOLD = onHistoryEdges('the portal hears profileActivationComplete once when a profile is activated or the operation fails', ({ edge, after }, g) => {
  const to = state(g, edge.to);
  if (to.status !== 'done' || state(g, edge.from).status === 'done') return null;
  const expected = ACTIVATED_OR_FAILED.has(to.value) ? 1 : 0;
  return after.activations === expected ? null : `ends ${to.value} after ${after.activations} profileActivationComplete callbacks, not ${expected}`;
});

export const REPORT_NAMES_OUTCOME = onHistoryEdges('the report names the final state, with the activation result of a failure', ({ edge }, g) => {
  const to = state(g, edge.to);
  const report = edge.effects.find((e) => e.type === 'report')?.params as { outcome: string; activationResult: string | null } | undefined;
  if (report === undefined) return null;
  const c = to.context;
  // modemFailed: activated, then the modem named its error (D38); the report carries that error.
  const expected = to.value === 'failed' || to.value === 'modemFailed' ? c.failure : to.value === 'rejected' ? c.inputError : to.value === 'connected' || to.value === 'notConnected' ? 'success' : null;
  if (report.outcome !== to.value) return `reports ${report.outcome} entering ${to.value}`;
  if (report.activationResult !== expected || (expected === null && (to.value === 'failed' || to.value === 'rejected' || to.value === 'modemFailed'))) return `reports ${to.value} with activationResult ${report.activationResult}, not ${expected}`;
  return null;
});

export const NO_DEAD_ENDS = onStates('every non-final state has a way forward', (key, s, g) => {
  if (s.status === 'done') return null;
  const forward = (g.graph.outgoing.get(key) ?? []).some((e) => e.taken && e.to !== key);
  return forward ? null : `${s.value} has no transition out`;
});

export const FINAL_REACHABLE: Invariant = {
  name: 'every state can reach a final state',
  check: (g) => {
    const incoming = new Map<string, string[]>();
    for (const e of g.graph.edges) if (e.to !== e.from) incoming.set(e.to, [...(incoming.get(e.to) ?? []), e.from]);
    const reaching = new Set([...g.graph.nodes].filter(([, s]) => s.status === 'done').map(([k]) => k));
    const queue = [...reaching];
    while (queue.length > 0) {
      for (const from of incoming.get(queue.shift()!) ?? []) {
        if (!reaching.has(from)) {
          reaching.add(from);
          queue.push(from);
        }
      }
    }
    return [...g.graph.nodes.keys()]
      .filter((k) => !reaching.has(k))
      .map((k) => ({ invariant: 'every state can reach a final state', message: `${state(g, k).value} cannot reach a final state`, path: pathTo(g, k) }));
  },
};

export const NO_MATCHING_ID = onStates('no state holds the matching ID in a printable field', (_key, s) => {
  const json = JSON.stringify(s.context);
  const found = SECRET_MATCHING_IDS.filter((id) => json.includes(id));
  return found.length === 0 ? null : `context of ${s.value} holds ${found.join(', ')}`;
});

export const NO_MATCHING_ID_IN_EFFECTS = onHistoryEdges('no effect carries the matching ID', ({ edge }) => {
  const json = JSON.stringify(edge.effects);
  const found = SECRET_MATCHING_IDS.filter((id) => json.includes(id));
  return found.length === 0 ? null : `${edge.event.type} asks for effects holding ${found.join(', ')}`;
});

export const EARLY_TIMERS_HARMLESS = onHistoryEdges('early and stray timer firings change nothing', ({ edge }, g) => {
  if (edge.event.type !== 'timer.fired') return null;
  const { deadline } = state(g, edge.from).context;
  if (deadline !== null && edge.event.now >= deadline) return null;
  return edge.taken || edge.effects.length > 0 || edge.to !== edge.from ? `timer.fired@${edge.event.now} with deadline ${deadline} is not ignored` : null;
});

export const DEADLINES_ARMED_AND_CLEARED = onHistoryEdges('a state with a deadline arms it on entry and clears it on exit', ({ edge }, g) => {
  if (!changesState(g, edge)) return null;
  const from = state(g, edge.from).context;
  const to = state(g, edge.to);
  const armed = edge.effects.filter((e) => e.type === 'armDeadline').map((e) => (e.params as { at: number }).at);
  if (to.context.deadline !== null && !armed.includes(to.context.deadline)) return `enters ${to.value} with deadline ${to.context.deadline} without arming it`;
  if (to.context.deadline === null && armed.length > 0) return `arms a timer entering ${to.value}, which has no deadline`;
  if (from.deadline !== null && !has(edge, 'clearDeadline')) return `leaves a state with a deadline without clearing it`;
  return null;
});

export const DEADLINES_FIRE = onStates('a live deadline always has a timer transition', (key, s, g) => {
  if (s.status === 'done' || s.context.deadline === null) return null;
  const onTime = (g.graph.outgoing.get(key) ?? []).some((e) => e.event.type === 'timer.fired' && e.event.now === s.context.deadline && e.taken);
  return onTime ? null : `${s.value} has deadline ${s.context.deadline} but ignores timer.fired at it`;
});

// Read from the definition itself, not the machine built from it: the one place a deadline is written (decision D62).
export const DEADLINE_WHERE_DEFINED = onStates('a state holds a deadline exactly when its definition gives it one', (_, s, g) => {
  const states: Readonly<Record<string, { readonly deadline?: unknown }>> = flows[g.graph.machine.id as FlowName].states;
  const defined = states[s.value]?.deadline !== undefined;
  if (defined === (s.context.deadline !== null)) return null;
  return defined ? `${s.value} has a deadline in its definition, none in the context` : `${s.value} has no deadline in its definition, yet deadline ${s.context.deadline}`;
});

export const ENTRY_FROM_CONTEXT = onHistoryEdges('entry effects depend on the context alone', ({ edge }, g) => {
  if (!changesState(g, edge)) return null;
  const expected = entryEffects(state(g, edge.to));
  const actual = edge.effects.slice(edge.effects.length - expected.length);
  return JSON.stringify(actual) === JSON.stringify(expected) ? null : `entering ${state(g, edge.to).value}: ${JSON.stringify(actual)} differs from the replayed ${JSON.stringify(expected)}`;
});

/** Every invariant, in the order they are reported. */
export const INVARIANTS: readonly Invariant[] = [
  CANCELLED_NEVER_DOWNLOADS,
  CANCEL_ONLY_BEFORE_TOAST,
  CANCEL_ENDS_CANCELLED,
  TOAST_NOT_BEFORE_DEADLINE,
  EXACTLY_ONE_REPORT,
  ACTIVATION_AT_MOST_ONCE,
  ACTIVATION_TOLD,
  REPORT_NAMES_OUTCOME,
  NO_DEAD_ENDS,
  FINAL_REACHABLE,
  NO_MATCHING_ID,
  NO_MATCHING_ID_IN_EFFECTS,
  EARLY_TIMERS_HARMLESS,
  DEADLINES_ARMED_AND_CLEARED,
  DEADLINES_FIRE,
  DEADLINE_WHERE_DEFINED,
  ENTRY_FROM_CONTEXT,
];
