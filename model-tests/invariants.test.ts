import { describe, expect, it } from 'vitest';
import { FLOW_NAMES } from '../machines/index';
import { DEFAULT_CONFIG } from '../src/core/state';
import { checked, INVARIANTS, type CheckedGraph } from './invariants';
import { flowInput, modelMachine, PATH_TIMING, SCENARIOS } from '../src/testing/scenarios';
import { exploreGraph } from './stateGraph';

/*
 * Every invariant over the exhaustive reachable state graph of every machine, from every
 * scenario's input, with the default timing and with the small bounds of the path tests.
 */

const TIMINGS = { default: DEFAULT_CONFIG.timing, small: PATH_TIMING } as const;

const graphs = FLOW_NAMES.map((flow) => ({
  flow,
  graphs: SCENARIOS[flow].flatMap((scenario) =>
    Object.entries(TIMINGS).map(([timing, t]) => ({
      label: `${scenario.name}, ${timing} timing`,
      graph: checked(exploreGraph(modelMachine(flow, t), flowInput(scenario))),
    })),
  ),
}));

const size = (gs: readonly { graph: CheckedGraph }[]) => ({
  states: gs.reduce((n, g) => n + g.graph.graph.nodes.size, 0),
  transitions: gs.reduce((n, g) => n + g.graph.graph.edges.length, 0),
  taken: gs.reduce((n, g) => n + g.graph.graph.edges.filter((e) => e.taken).length, 0),
});
const all = size(graphs.flatMap((f) => f.graphs));
console.log(
  [
    'exhaustive state graphs (every event from every reachable state)',
    ...graphs.map(({ flow, graphs: gs }) => {
      const s = size(gs);
      return `${flow.padEnd(20)} ${String(gs.length).padStart(3)} inputs ${String(s.states).padStart(6)} states ${String(s.transitions).padStart(7)} transitions (${s.taken} taken)`;
    }),
    `${'all machines'.padEnd(20)} ${String(graphs.reduce((n, f) => n + f.graphs.length, 0)).padStart(3)} inputs ${String(all.states).padStart(6)} states ${String(all.transitions).padStart(7)} transitions (${all.taken} taken), ${INVARIANTS.length} invariants`,
  ].join('\n'),
);

for (const { flow, graphs: gs } of graphs) {
  describe(`${flow}: invariants over the exhaustive state graph`, () => {
    for (const invariant of INVARIANTS) {
      it(invariant.name, () => {
        const violations = gs.flatMap(({ label, graph }) => invariant.check(graph).map((v) => `[${label}] ${v.message}\n    path: ${v.path}`));
        expect(violations.slice(0, 5), `${violations.length} violations`).toEqual([]);
      });
    }
  });
}
