import { createActor, initialTransition, transition, type AnyStateMachine } from 'xstate';
import { createState, step, type CoreState } from '../src/core/index';
import { DEFAULT_TIMING, flows, machines } from '../machines/index';
import { pureInitialTransition, pureTransition } from '../src/testing/pureTransition';
import { runtimeFor, startFlow, stepFlow } from '../src/core/flowRunner';
import { initialInline, reduceInline } from './floor';
import { createFloorState, floorStep } from './sameWorkFloor';
import { isDeepStrictEqual } from 'node:util';
import { headerOf, recordOf } from '../src/core/storedRecords';
import { recordFlows, type RecordedFlow } from './flows';
import { measure, ratioOf, timeOf, type Task } from './lib/measure';
import { formatRatio, formatUs, type Section, type Table, type Target } from './lib/report';

/*
 * 1. Per-event cost of the engine through complete flows, side by side with the same flow
 * machine run by a plain xstate actor, by xstate's pure transition(), and (inline only) by a
 * hand-written switch reducer. An iteration is one complete flow; µs/event divides by the
 * number of machine events (`operation.start` and every event after it).
 */

const ENGINE = 'step (engine)';
const ACTOR = 'xstate actor send';
const PURE = 'xstate transition()';
const FLOOR = 'bare switch reducer (less work: reference only)';
const SAME_WORK = 'same-work reducer floor';
const SERIALIZED = 'step + its records serialized';
const INERT = 'machine.transition, one inert scope';
const RUNNER = 'flow interpreter alone (stepFlow)';
const ENGINE_AFTER = 'step, events after the hand-off';
const ACTOR_AFTER = 'actor send, events after operation.start';
const ROUNDS = 15;

function tasks(flow: RecordedFlow): Task[] {
  const machine = machines[flow.flow] as unknown as AnyStateMachine;
  const list: Task[] = [
    [ENGINE, () => {
      let state: CoreState = createState();
      for (const input of flow.inputs) state = step(state, input).state;
      return state;
    }],
    [ACTOR, () => {
      const actor = createActor(machine, { input: flow.machineInput }).start();
      for (const event of flow.events) actor.send(event);
      return actor;
    }],
    [PURE, () => {
      let [snapshot] = initialTransition(machine, flow.machineInput);
      for (const event of flow.events) [snapshot] = transition(machine, snapshot, event);
      return snapshot;
    }],
    [SERIALIZED, () => {
      // What a host's write pays after each step: the header and every changed record as JSON.
      let state: CoreState = createState();
      let bytes = 0;
      for (const input of flow.inputs) {
        const result = step(state, input);
        state = result.state;
        bytes += headerOf(state).length;
        for (const id of result.changed) bytes += recordOf(state, id)?.length ?? 0;
      }
      return bytes;
    }],
  ];
  // The same without the creation: the state or actor is made untimed, then the later events are timed.
  let prepared: CoreState = createState();
  list.push([ENGINE_AFTER, () => {
    let state = prepared;
    for (let i = 1; i < flow.inputs.length; i++) state = step(state, flow.inputs[i]!).state;
    return state;
  }, { beforeEach: () => void (prepared = step(createState(), flow.inputs[0]!).state) }]);
  let started = createActor(machine, { input: flow.machineInput });
  list.push([ACTOR_AFTER, () => {
    for (let i = 1; i < flow.events.length; i++) started.send(flow.events[i]!);
    return started;
  }, {
    beforeEach: () => {
      started = createActor(machine, { input: flow.machineInput }).start();
      started.send(flow.events[0]!);
    },
  }]);
  // The interpreter under the engine, without the core around it.
  const definition = flows[flow.flow];
  const runtime = runtimeFor(DEFAULT_TIMING);
  list.push([RUNNER, () => {
    let { value, context } = startFlow(definition, runtime, flow.machineInput);
    for (const event of flow.events) ({ value, context } = stepFlow(definition, runtime, value, context, event) ?? { value, context });
    return context;
  }]);
  // xstate's fastest pure path: machine.transition through one reused inert scope.
  list.push([INERT, () => {
    let [snapshot] = pureInitialTransition(machine, flow.machineInput);
    for (const event of flow.events) [snapshot] = pureTransition(machine, snapshot, event);
    return snapshot;
  }]);
  list.push([SAME_WORK, () => {
    const state = createFloorState();
    let commands = 0;
    for (const input of flow.inputs) commands += floorStep(state, input).commands.length;
    return commands;
  }]);
  if (flow.name === 'inline') {
    list.push([FLOOR, () => {
      let state = initialInline(flow.machineInput);
      for (const event of flow.events) state = reduceInline(state, event).state;
      return state;
    }]);
  }
  return list;
}

/** Every implementation must end the flow where the engine does, before anything is timed. */
export function check(flow: RecordedFlow): void {
  const machine = machines[flow.flow] as unknown as AnyStateMachine;
  let state: CoreState = createState();
  for (const input of flow.inputs) state = step(state, input).state;
  const engineEnd = Object.values(state.finished)[0]?.value;
  const actor = createActor(machine, { input: flow.machineInput }).start();
  for (const event of flow.events) actor.send(event);
  let [snapshot] = initialTransition(machine, flow.machineInput);
  for (const event of flow.events) [snapshot] = transition(machine, snapshot, event);
  const ends = [engineEnd, actor.getSnapshot().value, snapshot.value];
  // The same-work floor must emit exactly step's commands, input by input: else it is not the same work.
  let engine: CoreState = createState();
  const floor = createFloorState();
  flow.inputs.forEach((input, i) => {
    const result = step(engine, input);
    engine = result.state;
    const floorResult = floorStep(floor, input);
    if (!isDeepStrictEqual(floorResult.commands, result.commands)) throw new Error(`${flow.name}: the same-work floor's commands differ from step's at input ${i} (${input.type}): ${JSON.stringify(floorResult.commands)} vs ${JSON.stringify(result.commands)}`);
    if (!isDeepStrictEqual(floorResult.reply, result.reply)) throw new Error(`${flow.name}: the same-work floor's reply differs from step's at input ${i} (${input.type}): ${JSON.stringify(floorResult.reply)} vs ${JSON.stringify(result.reply)}`);
    const ids = (set: ReadonlySet<string>) => [...set].sort();
    if (!isDeepStrictEqual(ids(floorResult.changed), ids(result.changed))) throw new Error(`${flow.name}: the same-work floor's changed ids differ from step's at input ${i} (${input.type}): ${ids(floorResult.changed).join(',')} vs ${ids(result.changed).join(',')}`);
  });
  if (flow.name === 'inline') {
    let floor = initialInline(flow.machineInput);
    for (const event of flow.events) floor = reduceInline(floor, event).state;
    ends.push(floor.value);
  }
  if (ends.some((end) => end !== flow.finalValue)) throw new Error(`${flow.name}: implementations disagree on the end state: ${ends.join(', ')}`);
}

export function runEngine(): Section {
  const flows = recordFlows();
  const rows: string[][] = [];
  const targets: Target[] = [];
  const ratioRows: string[][] = [];
  for (const flow of flows) {
    check(flow);
    // Short batches of every variant in turn, many rounds: each ratio is the median of per-round ratios.
    const comparison = measure(tasks(flow), { rounds: ROUNDS, time: 30, warmupTime: 10, iterations: 8, warmupIterations: 4 });
    const perEvent = (name: string) => timeOf(comparison, name) / flow.events.length;
    const names = flow.name === 'inline' ? [ENGINE, SERIALIZED, ACTOR, PURE, INERT, RUNNER, SAME_WORK, FLOOR] : [ENGINE, SERIALIZED, ACTOR, PURE, INERT, RUNNER, SAME_WORK];
    for (const name of names) {
      rows.push([flow.name, name, String(flow.events.length), formatUs(perEvent(name)), formatRatio(ratioOf(comparison, name, ACTOR))]);
    }
    const later = flow.events.length - 1;
    rows.push([flow.name, ENGINE_AFTER, String(later), formatUs(timeOf(comparison, ENGINE_AFTER) / later), formatRatio(ratioOf(comparison, ENGINE_AFTER, ACTOR_AFTER)) + ' †']);
    rows.push([flow.name, ACTOR_AFTER, String(later), formatUs(timeOf(comparison, ACTOR_AFTER) / later), formatRatio(1) + ' †']);
    const vsActor = ratioOf(comparison, ENGINE, ACTOR);
    const vsFloor = ratioOf(comparison, ENGINE, SAME_WORK);
    ratioRows.push([
      flow.name,
      formatRatio(vsActor),
      formatRatio(vsFloor),
      formatRatio(ratioOf(comparison, SERIALIZED, ACTOR)),
      flow.name === 'inline' ? formatRatio(ratioOf(comparison, ENGINE, FLOOR)) : '—',
      formatRatio(ratioOf(comparison, PURE, ACTOR)),
      formatRatio(ratioOf(comparison, INERT, ACTOR)),
      formatRatio(ratioOf(comparison, RUNNER, ACTOR)),
    ]);
    targets.push({ name: `engine per event vs actor send, ${flow.name}`, figure: formatRatio(vsActor), limit: '≤ 0.30×', pass: vsActor <= 0.3 });
    targets.push({ name: `engine per event vs the same-work reducer floor, ${flow.name}`, figure: formatRatio(vsFloor), limit: '≤ 2.5×', pass: vsFloor <= 2.5 });
  }
  const tables: Table[] = [
    { title: 'Per-event cost through complete flows (time per flow ÷ machine events)', head: ['flow', 'implementation', 'events', 'µs/event', 'vs actor'], rows },
    { title: 'Ratios (median over rounds of the same-round ratio)', head: ['flow', 'step ÷ actor', 'step ÷ same-work floor', 'step + records ÷ actor', 'step ÷ bare switch', 'transition() ÷ actor', 'inert scope ÷ actor', 'interpreter ÷ actor'], rows: ratioRows },
  ];
  return {
    title: '1. Engine per-event cost',
    tables,
    targets,
    notes: [
      'xstate transition() is shown as context only (each call builds a throwaway actor scope), not as a ratio target. "step + its records serialized" adds what a host\'s incremental write pays after each step (the header and every changed record as JSON). The same-work reducer floor (bench/sameWorkFloor.ts) is the three flows written as one plain reducer doing step\'s work for them: hand-off validation through the same domain functions, the record with its callback history, secrets and the owner index, lookups by id and ICCID, the head-indexed LPA queue, timers and the report; it returns what step returns (the commands, the reply and the ids of the records it changed), and before anything is timed all three are checked equal to step\'s input by input on every recorded flow (the bench fails if they differ). The bare switch reducer skips hand-off validation, secrets, callback history, reports, the LPA queue and the indexes: a second, labelled reference, not the floor of this work.',
      `Interleaved: ${ROUNDS} rounds, each running a short batch (30 ms, at least 8 flows) of every variant in turn, in a rotated order; a ratio is the median of the per-round ratios, a time the median of the round means.`,
      '† events after the first only, against the actor\'s sends after operation.start: the creation (hand-off validation, initial snapshot) made untimed on both sides.',
      'step replays the recorded core inputs from createState() (the portal call includes validation, metadata normalization and the operation record); the actor and transition() get the same machine input and events.',
      'The engine does not run xstate: it interprets the same flow definitions the xstate machines are built from (src/core/flowRunner.ts), and model-tests/flowRunner.test.ts checks it against xstate on every reachable state and event. "flow interpreter alone" is that interpreter without the core; step minus it is the engine\'s own work: hand-off validation and metadata normalization, commands, callback JSON, the report, the LPA queue and the indexes.',
      'transition() is slow in xstate 5.33 because each call builds a throwaway inert actor scope: createActor() (a mailbox, an actor system, and an eager getInitialSnapshot that runs the context factory with no input, which throws a TypeError the actor catches) plus a second system. Reusing one inert scope per machine and calling machine.transition() directly (src/testing/pureTransition.ts, how the model tests and the conformance kit run xstate) brings it under send; the interpreter goes further because it resolves no state nodes, builds no snapshots and runs no action executor.',
    ],
  };
}
