import type { AnyTransitionDefinition } from 'xstate';
import { createTestModel, type TestPath } from 'xstate/graph';
import type { FlowEvent, FlowName } from '../../machines/types';
import { modelNow, pathEvents, simplePathEvents } from './events';
import { initialSnapshot, stepMachine, takenTransitions, type Effect, type FlowSnapshot } from './machineModel';
import { flowInput, modelMachine, SCENARIOS, type Scenario } from './scenarios';

/*
 * The generated paths of every flow: shortest and simple paths of the machine from each
 * scenario's input, over an abstract state (times and counters that only grow are left out).
 */

export type FlowPath = TestPath<FlowSnapshot, FlowEvent>;

/** A generated path and the scenario (machine input) it starts from. */
export interface GeneratedPath {
  readonly scenario: Scenario;
  readonly path: FlowPath;
}

/**
 * The abstract state the path generators enumerate: the state value and the context that
 * decides where the flow can go, without times. A step that stays in its state (progress, a
 * registration change that is not final) counts as a state of its own, so that the paths cover
 * those transitions too.
 */
export function abstractState(snapshot: FlowSnapshot, event?: FlowEvent, previous?: FlowSnapshot): string {
  const stayed = event !== undefined && previous !== undefined && previous.value === snapshot.value && previous.can(event) ? ` after ${event.type}` : '';
  return `${coarseState(snapshot)}${stayed}`;
}

/** The abstract state without the steps that stay: the simple paths leave those to the shortest ones. */
export function coarseState(snapshot: FlowSnapshot): string {
  const c = snapshot.context;
  const code = c.code === null ? '-' : c.code.confirmationCodeRequired ? 'code+cc' : 'code';
  return `${snapshot.value} ${code} iccid:${c.iccid !== null} cc:${c.confirmationAttempts} reg:${c.registrationAttempts} ds:${c.discoveryAttempts}`;
}

function sequence(path: FlowPath): string {
  return path.steps.map((s) => JSON.stringify(s.event)).join(' ');
}

/** Which generated paths: `shortest` (one shortest path to each abstract state), `simple` (those and every simple path). */
export type PathKind = 'shortest' | 'simple';

const cache = new Map<string, GeneratedPath[]>();

/** Every generated path of a flow, over all its scenarios: shortest paths and (unless told) simple paths, without repeats. */
export function generatedPaths(flow: FlowName, kind: PathKind = 'simple'): GeneratedPath[] {
  const cached = cache.get(`${flow} ${kind}`);
  if (cached !== undefined) return cached;
  const machine = modelMachine(flow);
  const result: GeneratedPath[] = [];
  for (const scenario of SCENARIOS[flow]) {
    const input = flowInput(scenario);
    const shortest = createTestModel(machine, {
      events: (snapshot) => pathEvents(snapshot as FlowSnapshot),
      serializeState: (snapshot, event, previous) => abstractState(snapshot as FlowSnapshot, event as FlowEvent | undefined, previous as FlowSnapshot | undefined),
      input,
    });
    const simple = createTestModel(machine, {
      events: (snapshot) => simplePathEvents(snapshot as FlowSnapshot),
      serializeState: (snapshot) => coarseState(snapshot as FlowSnapshot),
      input,
    });
    const seen = new Set<string>();
    const paths = kind === 'simple' ? [...shortest.getShortestPaths(), ...simple.getSimplePaths()] : shortest.getShortestPaths();
    for (const path of paths as unknown as FlowPath[]) {
      const key = sequence(path);
      if (seen.has(key)) continue;
      seen.add(key);
      result.push({ scenario, path });
    }
  }
  cache.set(`${flow} ${kind}`, result);
  return result;
}

/** One step of a path replayed on the machine: the concrete event, and the snapshots around it. */
export interface ModelStep {
  readonly event: FlowEvent;
  readonly before: FlowSnapshot;
  readonly after: FlowSnapshot;
  readonly effects: readonly Effect[];
}

const replays = new WeakMap<GeneratedPath, ModelStep[]>();

/**
 * The path's events replayed from its scenario's input. Abstract states merge snapshots whose
 * times differ, so each event gets its `now` again from the state it is sent in.
 */
export function replay(generated: GeneratedPath): ModelStep[] {
  const cached = replays.get(generated);
  if (cached !== undefined) return cached;
  const { scenario, path } = generated;
  const machine = modelMachine(scenario.flow);
  let snapshot = initialSnapshot(machine, flowInput(scenario));
  const steps: ModelStep[] = [];
  for (const step of path.steps.slice(1)) {
    const event = concrete(step.event, snapshot);
    const { next, effects } = stepMachine(snapshot, event);
    if (coarseState(next) !== coarseState(step.state)) {
      throw new Error(`replaying ${path.description}: ${event.type} led to ${coarseState(next)}, the path says ${coarseState(step.state)}`);
    }
    steps.push({ event, before: snapshot, after: next, effects });
    snapshot = next;
  }
  replays.set(generated, steps);
  return steps;
}

function concrete(event: FlowEvent, snapshot: FlowSnapshot): FlowEvent {
  const c = snapshot.context;
  if (event.type === 'timer.fired') return { ...event, now: c.deadline ?? modelNow(c) };
  if (event.type === 'operation.start') return { ...event, now: c.createdAt };
  return { ...event, now: modelNow(c) };
}

/** The states and transitions a set of paths goes through. */
export interface Covered {
  readonly states: Set<string>;
  readonly transitions: Set<AnyTransitionDefinition>;
}

/** What the paths cover: every state they visit, every transition one of their steps takes. */
export function coveredBy(paths: readonly GeneratedPath[]): Covered {
  const states = new Set<string>();
  const transitions = new Set<AnyTransitionDefinition>();
  for (const generated of paths) {
    for (const step of replay(generated)) {
      states.add(step.before.value);
      states.add(step.after.value);
      for (const t of takenTransitions(step.before, step.event)) transitions.add(t);
    }
  }
  return { states, transitions };
}

/** An event as a test name shows it: its type and its values, without the time and the ICCID (always the model's). */
function eventLabel(event: FlowEvent): string {
  const values = Object.entries(event as Record<string, unknown>)
    .filter(([key]) => key !== 'type' && key !== 'now' && key !== 'iccid')
    .map(([, value]) => (typeof value === 'object' && value !== null && 'masked' in value ? String(value.masked) : String(value)));
  return values.length === 0 ? event.type : `${event.type}(${values.join(', ')})`;
}

/**
 * A generated path's test name: the state it ends in and the events that lead there, without
 * the contexts and times `path.description` prints (hundreds of characters of JSON each).
 */
export function pathName({ path }: GeneratedPath): string {
  // The first step is xstate's own init event, typed as a flow event by TestPath.
  const events = path.steps.slice(1).map((step) => step.event);
  return `ends in ${String(path.state.value)}: ${events.map(eventLabel).join(' → ')}`;
}
