import { FLOW_NAMES } from '../../machines/index';
import type { FlowName } from '../../machines/types';
import { describeTransition, stateNames, transitionsOf, type TransitionInfo } from './machineModel';
import { coveredBy, generatedPaths, type PathKind } from './paths';
import { modelMachine } from './scenarios';

/** What the generated paths of one machine cover. */
export interface MachineCoverage {
  readonly paths: number;
  readonly steps: number;
  readonly states: { readonly total: number; readonly covered: readonly string[]; readonly missing: readonly string[] };
  readonly transitions: {
    readonly total: number;
    readonly covered: readonly TransitionInfo[];
    readonly missing: readonly TransitionInfo[];
  };
}

export type CoverageReport = Partial<Record<FlowName, MachineCoverage>>;

/** The state and transition coverage of each machine (default: every one) by its generated paths. */
export function coverageReport(flows: readonly FlowName[] = FLOW_NAMES, kind: PathKind = 'simple'): CoverageReport {
  const entries = flows.map((flow): [FlowName, MachineCoverage] => {
    const machine = modelMachine(flow);
    const paths = generatedPaths(flow, kind);
    const covered = coveredBy(paths);
    const states = stateNames(machine);
    const transitions = [...transitionsOf(machine)];
    return [
      flow,
      {
        paths: paths.length,
        steps: paths.reduce((n, p) => n + p.path.steps.length - 1, 0),
        states: { total: states.length, covered: states.filter((s) => covered.states.has(s)), missing: states.filter((s) => !covered.states.has(s)) },
        transitions: {
          total: transitions.length,
          covered: transitions.filter(([t]) => covered.transitions.has(t)).map(([, info]) => info),
          missing: transitions.filter(([t]) => !covered.transitions.has(t)).map(([, info]) => info),
        },
      },
    ];
  });
  return Object.fromEntries(entries);
}

/** The report as a table for the console. */
export function formatCoverage(report: CoverageReport, title = 'generated path coverage'): string {
  const lines = [title, 'machine              paths   steps   states        transitions'];
  let [paths, steps, states, allStates, transitions, allTransitions] = [0, 0, 0, 0, 0, 0];
  for (const [flow, c] of Object.entries(report) as Array<[FlowName, MachineCoverage]>) {
    const pct = (n: number, of: number) => `${n}/${of} (${Math.round((100 * n) / of)}%)`;
    lines.push(`${flow.padEnd(20)} ${String(c.paths).padStart(6)} ${String(c.steps).padStart(7)}   ${pct(c.states.covered.length, c.states.total).padEnd(13)} ${pct(c.transitions.covered.length, c.transitions.total)}`);
    for (const s of c.states.missing) lines.push(`  MISSING state ${s}`);
    for (const t of c.transitions.missing) lines.push(`  MISSING transition ${describeTransition(t)}`);
    paths += c.paths;
    steps += c.steps;
    states += c.states.covered.length;
    allStates += c.states.total;
    transitions += c.transitions.covered.length;
    allTransitions += c.transitions.total;
  }
  lines.push(`${'all machines'.padEnd(20)} ${String(paths).padStart(6)} ${String(steps).padStart(7)}   ${`${states}/${allStates}`.padEnd(13)} ${transitions}/${allTransitions}`);
  return lines.join('\n');
}
