import { describe, expect, it } from 'vitest';
import { FLOW_NAMES, flows } from '../../machines/index';
import { accepts, entryEffects as runnerEntryEffects, runtimeFor, startFlow, stepFlow } from '../../src/core/flowRunner';
import { pathEvents } from '../../src/testing/events';
import { entryEffects, initialSnapshot, stepMachine, type FlowSnapshot } from '../../src/testing/machineModel';
import { flowInput, modelMachine, PATH_TIMING, SCENARIOS } from '../../src/testing/scenarios';

/*
 * The unit tier's share of model-tests/flowRunner.test.ts: the core's interpreter against the
 * xstate machines built from the same definitions, over the first states each flow reaches
 * (breadth first from every scenario's input, the kit's path events, the small path timing).
 * Cut short so that it runs in well under a second; the model tier walks every state.
 */

/** States compared per flow: enough to reach every state of the smaller flows and the first ones of the others. */
const STATES_PER_FLOW = 40;

function disagreements(flow: (typeof FLOW_NAMES)[number]): { states: number; steps: number; found: string[] } {
  const definition = flows[flow];
  const runtime = runtimeFor(PATH_TIMING);
  const found: string[] = [];
  const seen = new Set<string>();
  const queue: FlowSnapshot[] = [];
  let steps = 0;
  const visit = (snapshot: FlowSnapshot) => {
    const key = JSON.stringify([snapshot.value, snapshot.context]);
    if (seen.has(key) || seen.size >= STATES_PER_FLOW) return;
    seen.add(key);
    queue.push(snapshot);
  };
  for (const scenario of SCENARIOS[flow]) {
    const input = flowInput(scenario);
    const started = startFlow(definition, runtime, input);
    const initial = initialSnapshot(modelMachine(flow), input);
    const theirs = { value: initial.value, context: initial.context, actions: entryEffects(initial), done: false };
    if (JSON.stringify(started) !== JSON.stringify(theirs)) found.push(`${flow} start from ${scenario.name}:\n  runner ${JSON.stringify(started)}\n  xstate ${JSON.stringify(theirs)}`);
    visit(initial);
  }
  for (let snapshot = queue.shift(); snapshot !== undefined; snapshot = queue.shift()) {
    const where = `${flow} in ${snapshot.value}`;
    if (snapshot.status !== 'done') {
      const replayed = runnerEntryEffects(definition, runtime, snapshot.value, snapshot.context);
      if (JSON.stringify(replayed) !== JSON.stringify(entryEffects(snapshot))) found.push(`${where}: restart replays ${JSON.stringify(replayed)}`);
    }
    for (const event of pathEvents(snapshot)) {
      steps += 1;
      const xstateTakes = snapshot.can(event);
      if (accepts(definition, runtime, snapshot.value, snapshot.context, event) !== xstateTakes) found.push(`${where}: accepts ${event.type} differs`);
      const ours = stepFlow(definition, runtime, snapshot.value, snapshot.context, event);
      if (ours === null) {
        if (xstateTakes) found.push(`${where}: ${event.type} not taken by the runner, taken by xstate`);
        continue;
      }
      const { next, effects } = stepMachine(snapshot, event);
      const theirs = { value: next.value, context: next.context, actions: effects, done: next.status === 'done' };
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) found.push(`${where} on ${JSON.stringify(event)}:\n  runner ${JSON.stringify(ours)}\n  xstate ${JSON.stringify(theirs)}`);
      visit(next);
    }
  }
  return { states: seen.size, steps, found };
}

describe('the core interpreter agrees with xstate on the first states of every flow', () => {
  for (const flow of FLOW_NAMES) {
    it(`${flow}: the start, then each path event in each state reached`, () => {
      const { states, steps, found } = disagreements(flow);
      expect(states).toBeGreaterThanOrEqual(2);
      expect(steps).toBeGreaterThan(states);
      expect(found.slice(0, 3)).toEqual([]);
    });
  }
});
