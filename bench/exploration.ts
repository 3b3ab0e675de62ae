import type { AnyEventObject, AnyMachineSnapshot } from 'xstate';
import { type AdjacencyMap, type AdjacencyValue, getAdjacencyMap, getShortestPaths, getSimplePaths, serializeSnapshot } from 'xstate/graph';
import { FLOW_NAMES } from '../machines/index';
import type { FlowName, FlowTiming } from '../machines/types';
import { cloneState, createState, step, type CoreState, type Input } from '../src/core/index';
import { graphEvents, pathEvents, REPRESENTATIVE_REGISTRATIONS, simplePathEvents } from '../src/testing/events';
import { CODE, flowInput, masked, modelMachine, PATH_TIMING, SCENARIOS } from '../src/testing/scenarios';
import { portalCall, START } from './flows';
import { timeOnce } from './lib/measure';
import { formatCount, formatMs, formatRatio, type Section, type Table } from './lib/report';

/*
 * 4. Model exploration. Per machine, from each input that opens a different part of it: the
 * exhaustive graph (getAdjacencyMap) and the generated path sets (getShortestPaths,
 * getSimplePaths), with events as a function of state (`timer.fired` at `context.deadline`,
 * every other event at the latest time the context knows). Then a product of 2 and 3
 * operations through the core: a bounded BFS over `step` with cloned states.
 */

// The same scenarios, bounds and events the model tests explore, so these figures are theirs.
const TIMING: FlowTiming = PATH_TIMING;

interface MachineFigures {
  states: number;
  edges: number;
  shortest: number;
  simple: number;
  simpleSteps: number;
  graphMs: number;
  shortestMs: number;
  simpleMs: number;
}

function explore(flow: FlowName): MachineFigures {
  const machine = modelMachine(flow, TIMING);
  const figures: MachineFigures = { states: 0, edges: 0, shortest: 0, simple: 0, simpleSteps: 0, graphMs: 0, shortestMs: 0, simpleMs: 0 };
  for (const scenario of SCENARIOS[flow]) {
    const input = flowInput(scenario);
    const options = { events: pathEvents, input };
    let map: AdjacencyMap<AnyMachineSnapshot, AnyEventObject> = {};
    figures.graphMs += timeOnce(() => void (map = getAdjacencyMap(machine, { events: graphEvents, input }) as AdjacencyMap<AnyMachineSnapshot, AnyEventObject>));
    const nodes = Object.values(map);
    figures.states += nodes.length;
    // Edges: (state, event) pairs that lead to another state; events a state ignores are not tried.
    figures.edges += (Object.entries(map) as Array<[string, AdjacencyValue<AnyMachineSnapshot, AnyEventObject>]>).reduce((sum, [key, node]) => sum + Object.values(node.transitions).filter((t) => serializeSnapshot(t.state) !== key).length, 0);
    let shortest: unknown[] = [];
    figures.shortestMs += timeOnce(() => void (shortest = getShortestPaths(machine, options)));
    figures.shortest += shortest.length;
    let simple: Array<{ steps: unknown[] }> = [];
    figures.simpleMs += timeOnce(() => void (simple = getSimplePaths(machine, { events: simplePathEvents, input })));
    figures.simple += simple.length;
    figures.simpleSteps += simple.reduce((sum, path) => sum + path.steps.length, 0);
  }
  return figures;
}

/*
 * The product through the core: a few operations alive together in one CoreState, explored
 * breadth first over `step`. Inputs come from the state like the machines' events: per live
 * operation, its timer at its deadline, the LPA's answers when it holds the LPA, registration
 * changes of its ICCID, the user's answers and a cancel; `now` from its own context.
 * Everything a state holds counts (callback history, finished reports): states are whole documents.
 */

function inputsFor(state: CoreState): Input[] {
  const inputs: Input[] = [];
  for (const op of Object.values(state.operations)) {
    const c = op.context;
    const now = c.deadline ?? Math.max(c.createdAt, c.startAt ?? c.createdAt);
    const operationId = op.id;
    if (c.deadline !== null) inputs.push({ type: 'timer.fired', now: c.deadline, timerId: operationId });
    inputs.push({ type: 'portal.cancel', now, operationId });
    if (state.lpa.active === operationId) {
      inputs.push({ type: 'lpa.progress', now, operationId, percent: 50 });
      inputs.push({ type: 'lpa.downloaded', now, operationId, iccid: `8988247000000000${operationId.slice(3).padStart(4, '0')}` });
      inputs.push({ type: 'lpa.enabled', now, operationId });
      inputs.push({ type: 'lpa.failed', now, operationId, error: 'serverNotReachable' });
    }
    // A registration change is a change: the state the operation last heard is not sent again.
    if (c.iccid !== null) for (const registration of REPRESENTATIVE_REGISTRATIONS) if (registration !== c.registrationState) inputs.push({ type: 'modem.registration', now, iccid: c.iccid, state: registration });
    for (const type of ['user.toastAccepted', 'user.toastDismissed', 'user.startDownload', 'user.abort'] as const) inputs.push({ type, now, operationId });
  }
  return inputs;
}

interface ProductFigures {
  readonly states: number;
  readonly edges: number;
  readonly steps: number;
  readonly complete: boolean;
  readonly ms: number;
}

/** Breadth-first search over `step` from `start`, up to `limit` states. */
export function exploreProduct(start: CoreState, limit: number): ProductFigures {
  const began = performance.now();
  const seen = new Set<string>([JSON.stringify(start)]);
  const queue: string[] = [JSON.stringify(start)];
  let edges = 0;
  let steps = 0;
  let complete = true;
  while (queue.length > 0) {
    const text = queue.shift()!;
    const state = JSON.parse(text) as CoreState;
    for (const input of inputsFor(state)) {
      steps += 1;
      const result = step(cloneState(state), input);
      if (result.reply.type === 'ignored' || (result.reply.type === 'cancel' && !result.reply.cancelled)) continue;
      const key = JSON.stringify(result.state);
      if (key === text) continue;
      edges += 1;
      if (seen.has(key)) continue;
      if (seen.size >= limit) {
        complete = false;
        continue;
      }
      seen.add(key);
      queue.push(key);
    }
  }
  return { states: seen.size, edges, steps, complete, ms: performance.now() - began };
}

/** A core state with `flows` started, one operation each (distinct codes). */
export function productStart(flows: ReadonlyArray<'inline' | 'delayed' | 'asyncConnectivity'>): CoreState {
  let state = createState({ timing: TIMING });
  flows.forEach((flow, i) => {
    const result = step(state, { type: 'portal.call', now: START, call: portalCall(flow, `1$smdp.example.com$PRODUCT-${i + 1}`) });
    if (result.reply.type !== 'operation') throw new Error(`product: ${flow} refused`);
    state = result.state;
  });
  return state;
}

const PRODUCTS: ReadonlyArray<{ flows: ReadonlyArray<'inline' | 'delayed' | 'asyncConnectivity'>; limit: number }> = [
  { flows: ['inline', 'delayed'], limit: 50_000 },
  { flows: ['inline', 'asyncConnectivity'], limit: 50_000 },
  { flows: ['inline', 'delayed', 'asyncConnectivity'], limit: 50_000 },
];

/** The states of one machine's graph from the input the core gives that flow in the product. */
function machineStates(flow: 'inline' | 'delayed' | 'asyncConnectivity'): number {
  const name: FlowName = flow === 'inline' ? 'inlineDownload' : flow === 'delayed' ? 'delayedDownload' : 'asyncConnectivity';
  const machine = modelMachine(name, TIMING);
  const delayMs = flow === 'inline' ? 0 : 15 * 60_000;
  return Object.keys(getAdjacencyMap(machine, { events: graphEvents, input: { operationId: 'op-1', now: START, delayMs, code: masked(CODE) } })).length;
}

export function runExploration(): Section {
  const machineRows: string[][] = [];
  let totalMs = 0;
  for (const flow of FLOW_NAMES) {
    const f = explore(flow);
    totalMs += f.graphMs + f.shortestMs + f.simpleMs;
    machineRows.push([
      flow, String(SCENARIOS[flow].length), formatCount(f.states), formatCount(f.edges), formatMs(f.graphMs),
      formatCount(f.shortest), formatMs(f.shortestMs), formatCount(f.simple), formatCount(f.simpleSteps), formatMs(f.simpleMs),
    ]);
  }
  const productRows: string[][] = [];
  for (const { flows, limit } of PRODUCTS) {
    const p = exploreProduct(productStart(flows), limit);
    const naive = flows.reduce((product, flow) => product * machineStates(flow), 1);
    productRows.push([
      flows.join(' + '), formatCount(p.states) + (p.complete ? '' : ` (limit)`), formatCount(p.edges), formatCount(p.steps), formatMs(p.ms),
      ((p.ms * 1000) / p.steps).toFixed(1), formatCount(naive), formatRatio(p.states / naive),
    ]);
  }
  const tables: Table[] = [
    {
      title: 'Per machine: exhaustive graph and generated path sets (summed over the inputs that open its branches)',
      head: ['machine', 'inputs', 'states', 'edges', 'graph', 'shortest paths', 'time', 'simple paths', 'their steps', 'time'],
      rows: machineRows,
    },
    {
      title: 'Operations together through the core (BFS over step, cloned states)',
      head: ['operations', 'states', 'edges', 'inputs tried', 'time', 'µs/input', 'machine states multiplied', 'states ÷ that'],
      rows: productRows,
    },
  ];
  return {
    title: '4. Model exploration',
    tables,
    targets: [],
    notes: [
      `All machine graphs and path sets together: ${formatMs(totalMs)}. Bounds as in generated path tests: 2 registration, discovery and confirmation attempts.`,
      'Scenarios (machine inputs) and events as a function of state are the model tests\' own (src/testing/scenarios.ts, src/testing/events.ts): the graph with graphEvents (early, on-time and late timers), shortest paths with pathEvents, simple paths with simplePathEvents.',
      'Product: a state is the whole core document (callback histories and finished reports included); a registration change repeats no state the operation last heard. "machine states multiplied": the product of each machine\'s own graph size from the same input, the naive bound.',
    ],
  };
}
