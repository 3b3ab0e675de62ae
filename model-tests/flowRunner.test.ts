import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMING, FLOW_NAMES, flows } from '../machines/index';
import type { FlowEvent, FlowTiming } from '../machines/types';
import { accepts, entryEffects as runnerEntryEffects, runtimeFor, startFlow, stepFlow } from '../src/core/flowRunner';
import { graphEvents } from '../src/testing/events';
import { entryEffects, initialSnapshot, stepMachine, type FlowSnapshot } from '../src/testing/machineModel';
import { flowInput, modelMachine, PATH_TIMING, SCENARIOS } from '../src/testing/scenarios';

/*
 * The core's interpreter against xstate itself: every state each flow reaches from every
 * scenario's input (with early, on-time, late and stray timers, every payload), each event
 * stepped by both. They must agree on the next state, the context, the effects in order,
 * whether the flow ended, whether the event is taken at all, and what a restart replays.
 */

interface Agreement {
  readonly states: number;
  readonly steps: number;
  readonly disagreements: string[];
}

function compare(flow: (typeof FLOW_NAMES)[number], timing: FlowTiming): Agreement {
  const definition = flows[flow];
  const runtime = runtimeFor(timing);
  const disagreements: string[] = [];
  let steps = 0;
  const seen = new Set<string>();
  const queue: FlowSnapshot[] = [];
  const visit = (snapshot: FlowSnapshot) => {
    const key = JSON.stringify([snapshot.value, snapshot.context]);
    if (seen.has(key)) return;
    seen.add(key);
    queue.push(snapshot);
  };
  for (const scenario of SCENARIOS[flow]) {
    const input = flowInput(scenario);
    const started = startFlow(definition, runtime, input);
    const initial = initialSnapshot(modelMachine(flow, timing), input);
    expect({ value: started.value, context: started.context }).toEqual({ value: initial.value, context: initial.context });
    visit(initial);
  }
  for (let snapshot = queue.shift(); snapshot !== undefined; snapshot = queue.shift()) {
    const where = `${flow} in ${snapshot.value}`;
    if (snapshot.status !== 'done') {
      const replayed = runnerEntryEffects(definition, runtime, snapshot.value, snapshot.context);
      if (JSON.stringify(replayed) !== JSON.stringify(entryEffects(snapshot))) disagreements.push(`${where}: restart replays ${JSON.stringify(replayed)}`);
    }
    const events: FlowEvent[] = [{ type: 'operation.start', now: snapshot.context.createdAt }, { type: 'portal.cancel', now: snapshot.context.createdAt }, ...graphEvents(snapshot)];
    for (const event of events) {
      steps += 1;
      const { next, effects } = stepMachine(snapshot, event);
      const ours = stepFlow(definition, runtime, snapshot.value, snapshot.context, event);
      const xstateTakes = snapshot.can(event);
      if (accepts(definition, runtime, snapshot.value, snapshot.context, event) !== xstateTakes) disagreements.push(`${where}: accepts ${event.type} differs`);
      if (ours === null) {
        if (xstateTakes) disagreements.push(`${where}: ${event.type} not taken by the runner, taken by xstate`);
        continue;
      }
      const theirs = { value: next.value, context: next.context, actions: effects, done: next.status === 'done' };
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) disagreements.push(`${where} on ${JSON.stringify(event)}:\n  runner ${JSON.stringify(ours)}\n  xstate ${JSON.stringify(theirs)}`);
      visit(next);
    }
  }
  return { states: seen.size, steps, disagreements };
}

describe('the core interpreter agrees with xstate', () => {
  for (const flow of FLOW_NAMES) {
    for (const [label, timing] of [['default', DEFAULT_TIMING], ['small', PATH_TIMING]] as const) {
      it(`${flow}, ${label} timing: every reachable state, every event`, () => {
        const { states, steps, disagreements } = compare(flow, timing);
        expect(states).toBeGreaterThan(1);
        expect(steps).toBeGreaterThan(states);
        expect(disagreements.slice(0, 5)).toEqual([]);
      });
    }
  }
});
