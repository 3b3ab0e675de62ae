import { isDeepStrictEqual } from 'node:util';
import { FLOW_NAMES } from '../../machines/index';
import type { FlowName } from '../../machines/types';
import { CaseRun } from './caseRun';
import { coverageReport, formatCoverage, type CoverageReport } from './coverage';
import type { MakeEffects } from './environment';
import { ConformanceError } from './observations';
import { generatedPaths, pathName, type GeneratedPath, type PathKind } from './paths';

/*
 * The conformance cases: one per generated path of each flow machine, each a function that
 * drives `createHost` over the user's effects and throws a ConformanceError naming the path and
 * the first step whose observation differs. Independent of any test framework.
 */

/** What {@link conformanceCases} takes. */
export interface ConformanceOptions {
  /** Fresh effects for each case (and the clock they run on); the kit supplies what is left out. */
  readonly makeEffects: MakeEffects;
  /** The flows to check (default: all seven). */
  readonly flows?: readonly FlowName[];
  /** `shortest`: one shortest path to every abstract state; `simple` (default): those and every simple path. */
  readonly paths?: PathKind;
  /** Also one case per path that restarts the host at every step boundary in turn (default false). */
  readonly restarts?: boolean;
  /** How long (real milliseconds) an effect's promise may take before the case fails naming it (default 5000). */
  readonly answerLimitMs?: number;
}

/** One named check, for any test runner: `it(c.name, c.run)`. */
export interface ConformanceCase {
  /** `<flow>, <scenario>: <the path's events>`, with a `restarts: ` prefix for a restart case. */
  readonly name: string;
  /** Which flow it checks. */
  readonly flow: FlowName;
  /** Resolves when every check passed; rejects with a {@link ConformanceError} naming the step. */
  readonly run: () => Promise<void>;
}

/**
 * The conformance cases of the selected flows, generated from the machines.
 * @example
 * for (const c of conformanceCases({ makeEffects: () => ({ effects: myEffects() }) })) it(c.name, c.run);
 */
export function conformanceCases(options: ConformanceOptions): ConformanceCase[] {
  if (typeof options?.makeEffects !== 'function') throw new TypeError('conformanceCases: makeEffects must be a function that returns { effects } for one case');
  const flows = checkedFlows(options.flows);
  const kind = checkedKind(options.paths);
  const limit = options.answerLimitMs ?? 5000;
  if (!(limit > 0)) throw new TypeError(`conformanceCases: answerLimitMs must be a positive number of milliseconds, got ${String(options.answerLimitMs)}`);
  const run: CaseRunner = (name, generated, restartAt) => runCase(name, generated, options.makeEffects, limit, restartAt);
  return flows.flatMap((flow) =>
    generatedPaths(flow, kind).flatMap((generated) => {
      const name = `${flow}, ${generated.scenario.name}: ${pathName(generated)}`;
      const uninterrupted: ConformanceCase = { name, flow, run: async () => void (await run(name, generated)) };
      if (options.restarts !== true) return [uninterrupted];
      return [uninterrupted, { name: `restarts: ${name}`, flow, run: () => runWithRestarts(`restarts: ${name}`, generated, run) }];
    }),
  );
}

/** The flows asked for, checked. @throws {TypeError} naming the valid flows */
export function checkedFlows(flows: readonly FlowName[] | undefined): readonly FlowName[] {
  if (flows === undefined) return FLOW_NAMES;
  // A JavaScript caller may pass anything: read it as unknown values.
  const given: readonly unknown[] = Array.isArray(flows) ? (flows as readonly unknown[]) : [flows];
  const unknown = given.filter((f) => !(FLOW_NAMES as readonly unknown[]).includes(f));
  if (unknown.length > 0) throw new TypeError(`unknown flow ${unknown.map((f) => JSON.stringify(f)).join(', ')}; the flows are ${FLOW_NAMES.join(', ')}`);
  return flows;
}

function checkedKind(paths: PathKind | undefined): PathKind {
  if (paths === undefined) return 'simple';
  if (paths !== 'shortest' && paths !== 'simple') throw new TypeError(`paths must be 'shortest' or 'simple', got ${JSON.stringify(paths)}`);
  return paths;
}

type CaseRunner = (name: string, generated: GeneratedPath, restartAt?: number) => Promise<CaseRun>;

/** What the cases of the selected flows cover: the report, and the table the kit prints. */
export interface ConformanceCoverage {
  readonly machines: CoverageReport;
  /** One line per machine: paths, steps, states and transitions covered. */
  readonly table: string;
}

/** The state and transition coverage of the cases {@link conformanceCases} makes for these options. */
export function conformanceCoverage(options: Pick<ConformanceOptions, 'flows' | 'paths'> = {}): ConformanceCoverage {
  const machines = coverageReport(options.flows ?? FLOW_NAMES, options.paths ?? 'simple');
  return { machines, table: formatCoverage(machines, 'conformance kit: coverage of the machines by its cases') };
}

async function runCase(name: string, generated: GeneratedPath, makeEffects: MakeEffects, answerLimitMs: number, restartAt?: number): Promise<CaseRun> {
  const run = await CaseRun.start(name, generated, makeEffects, answerLimitMs);
  const boundary = async () => {
    if (run.index >= (restartAt ?? 0)) run.check();
    if (run.index === restartAt) await run.restart();
  };
  await boundary();
  while (run.index < run.model.length) {
    await run.perform();
    await boundary();
  }
  await run.finish();
  return run;
}

/** The path once without a restart, then once per step boundary with a restart there: each must end the same way. */
async function runWithRestarts(name: string, generated: GeneratedPath, runCase: CaseRunner): Promise<void> {
  const expected = (await runCase(name, generated)).outcome();
  const boundaries = generated.path.steps.length;
  for (let restartAt = 0; restartAt < boundaries; restartAt++) {
    const run = await runCase(`${name} (restart after step ${restartAt})`, generated, restartAt);
    const outcome = run.outcome();
    const differ = (Object.keys(expected) as Array<keyof typeof expected>).filter((k) => !isDeepStrictEqual(outcome[k], expected[k]));
    if (differ.length > 0) {
      throw new ConformanceError(
        `${name}: a restart after step ${restartAt} changes the outcome`,
        differ.map((k) => `${k}: without a restart ${JSON.stringify(expected[k])}, with it ${JSON.stringify(outcome[k])}`),
      );
    }
  }
}
