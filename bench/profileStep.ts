import { createState, step, type CoreState } from '../src/core/index';
import { recordFlows, type BenchFlow } from './flows';
import { createFloorState, floorStep } from './sameWorkFloor';

/*
 * `step` alone on the engine bench's recorded flows (bench/engine.ts replays them the same way),
 * for a CPU profile: `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profileStep.ts [flow|all] [seconds]`.
 * Without a flow, the three in turn. `--floor` also runs the same-work floor in turn with it and
 * prints step ÷ floor (a reference that load slows alike). Prints µs per event.
 */

const args = process.argv.slice(2);
const withFloor = args.includes('--floor');
const [only = 'all', seconds = '3'] = args.filter((a) => a !== '--floor');
const flows = recordFlows().filter((flow) => only === 'all' || flow.name === (only as BenchFlow));
if (flows.length === 0) throw new Error(`no bench flow ${only}`);
const deadline = performance.now() + Number(seconds) * 1000;
const BATCH = 200;
const spent = new Map<string, number>();
const ratios = new Map<string, number[]>();
const events = new Map<string, number>();
let sink = 0;
while (performance.now() < deadline) {
  for (const flow of flows) {
    let start = performance.now();
    for (let n = 0; n < BATCH; n++) {
      let state: CoreState = createState();
      for (const input of flow.inputs) state = step(state, input).state;
      sink += state.nextOperationNumber;
    }
    const stepTime = performance.now() - start;
    spent.set(flow.name, (spent.get(flow.name) ?? 0) + stepTime);
    events.set(flow.name, (events.get(flow.name) ?? 0) + BATCH * flow.inputs.length);
    if (!withFloor) continue;
    start = performance.now();
    for (let n = 0; n < BATCH; n++) {
      const state = createFloorState();
      for (const input of flow.inputs) sink += floorStep(state, input).commands.length;
    }
    const floorTime = performance.now() - start;
    spent.set(`floor ${flow.name}`, (spent.get(`floor ${flow.name}`) ?? 0) + floorTime);
    ratios.set(flow.name, [...(ratios.get(flow.name) ?? []), stepTime / floorTime]);
  }
}
for (const flow of flows) {
  const perEvent = (name: string) => (spent.get(name)! * 1000) / events.get(flow.name)!;
  const step = perEvent(flow.name);
  const line = `${flow.name.padEnd(17)} step ${step.toFixed(2)} µs/event`;
  const sorted = [...(ratios.get(flow.name) ?? [])].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  console.log(withFloor ? `${line}, floor ${perEvent(`floor ${flow.name}`).toFixed(2)} µs/event: step ÷ floor ${median.toFixed(2)}× (median of ${sorted.length} batch ratios)` : line);
}
if (sink === 0) throw new Error('nothing ran');
