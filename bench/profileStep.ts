import { createState, step, type CoreState } from '../src/core/index';
import { recordFlows, type BenchFlow } from './flows';

/*
 * `step` alone on the engine bench's recorded flows (bench/engine.ts replays them the same way),
 * for a CPU profile: `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profileStep.ts [flow|all] [seconds]`.
 * Without a flow, the three in turn. Prints µs per event.
 */

const [only, seconds = '3'] = process.argv.slice(2);
const flows = recordFlows().filter((flow) => only === undefined || only === 'all' || flow.name === (only as BenchFlow));
if (flows.length === 0) throw new Error(`no bench flow ${only}`);
const deadline = performance.now() + Number(seconds) * 1000;
const events = new Map<string, number>();
const spent = new Map<string, number>();
let kept: CoreState | undefined;
while (performance.now() < deadline) {
  for (const flow of flows) {
    const start = performance.now();
    for (let n = 0; n < 200; n++) {
      let state: CoreState = createState();
      for (const input of flow.inputs) state = step(state, input).state;
      kept = state;
    }
    spent.set(flow.name, (spent.get(flow.name) ?? 0) + performance.now() - start);
    events.set(flow.name, (events.get(flow.name) ?? 0) + 200 * flow.inputs.length);
  }
}
for (const flow of flows) console.log(`${flow.name}: ${((spent.get(flow.name)! * 1000) / events.get(flow.name)!).toFixed(2)} µs/event`);
if (kept === undefined) throw new Error('nothing ran');
