import { createActor, type AnyStateMachine } from 'xstate';
import { createState, step, type CoreState } from '../src/core/index';
import { machines } from '../machines/index';
import { createFloorState, floorStep } from './sameWorkFloor';
import { recordFlows } from './flows';
import { measure, ratioOf, timeOf, type Task } from './lib/measure';

/*
 * A short, partial run of measurement 1 (bench/engine.ts) while working on `step`: step, the
 * same-work floor and the actor only, interleaved the same way. `tsx bench/quickEngine.ts [rounds]`.
 */

const rounds = Number(process.argv[2] ?? '7');
for (const flow of recordFlows()) {
  const machine = machines[flow.flow] as unknown as AnyStateMachine;
  const tasks: Task[] = [
    ['step', () => {
      let state: CoreState = createState();
      for (const input of flow.inputs) state = step(state, input).state;
      return state;
    }],
    ['floor', () => {
      const state = createFloorState();
      let commands = 0;
      for (const input of flow.inputs) commands += floorStep(state, input).commands.length;
      return commands;
    }],
    ['actor', () => {
      const actor = createActor(machine, { input: flow.machineInput }).start();
      for (const event of flow.events) actor.send(event);
      return actor;
    }],
  ];
  const c = measure(tasks, { rounds, time: 30, warmupTime: 10, iterations: 8, warmupIterations: 4 });
  const us = (name: string) => ((timeOf(c, name) * 1000) / flow.events.length).toFixed(2);
  console.log(`${flow.name.padEnd(17)} step ${us('step')} µs, floor ${us('floor')} µs, actor ${us('actor')} µs | step/floor ${ratioOf(c, 'step', 'floor').toFixed(2)}× step/actor ${ratioOf(c, 'step', 'actor').toFixed(2)}×`);
}
