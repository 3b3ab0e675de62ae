import type { Command } from 'commander';
import { DEFAULT_START_TIME } from '../../sim/device/index';
import { findFlow, type FlowSpec } from '../flows';
import { EXIT } from '../io';
import { runScenario, scenarioOf, type Scenario } from '../scenario';
import { TimelinePrinter } from '../timeline';
import type { CommandContext } from './context';

/** One run of the demo: a scenario and what it shows. */
export interface DemoRun {
  readonly label: string;
  readonly scenario: Scenario;
}

function flow(name: string): FlowSpec {
  const found = findFlow(name);
  if (found === undefined) throw new Error(`demo: no flow ${name}`);
  return found;
}

/** Every flow of the spec once, plus a failure, a cancel inside the window and a host restart. */
export const DEMO_RUNS: readonly DemoRun[] = [
  { label: 'inline download, connected on the home network', scenario: scenarioOf(flow('inline')) },
  { label: 'delayed download (downloadDelay 5 → 15 min), the user accepts the toast', scenario: scenarioOf(flow('delayed'), { delayMinutes: 5 }) },
  { label: 'delayed download cancelled by the portal at minute 14, inside the cancel window', scenario: scenarioOf(flow('delayed'), { delayMinutes: 5, cancelAtMinutes: 14 }) },
  { label: 'delayed download across a host restart at minute 10', scenario: scenarioOf(flow('delayed'), { delayMinutes: 15, restartAtMinutes: 10 }) },
  { label: 'asynchronous connectivity (interval 15), registers when the operator is ready', scenario: scenarioOf(flow('async'), { delayMinutes: 15, registration: 'roaming' }) },
  { label: 'delayed profile via SM-DS (interval 15)', scenario: scenarioOf(flow('smds'), { delayMinutes: 15 }) },
  { label: 'balance addition, switching to the ICCID already on the eSIM', scenario: scenarioOf(flow('balance')) },
  { label: 'cancelled purchase', scenario: scenarioOf(flow('cancel')) },
  { label: 'legacy DataMart.notifyPurchaseResult with an activation code', scenario: scenarioOf(flow('legacy')) },
  { label: 'inline download failing: the SM-DP+ is not reachable', scenario: scenarioOf(flow('inline'), { outcome: 'serverNotReachable' }) },
];

const EXAMPLES = `
Examples:
  $ mobile-plans demo
  $ npm start          # the same
  $ mobile-plans demo --json`;

/** `mobile-plans demo`: every flow of the spec once, each with its timeline. */
export function addDemoCommand(program: Command, ctx: CommandContext): void {
  program
    .command('demo')
    .description('run every flow of the spec once on the simulated device (with a failure, a cancel and a restart)')
    .option('--json', 'print JSON lines instead of text')
    .addHelpText('after', EXAMPLES)
    .action(async (options: { json?: boolean }) => {
      const started = performance.now();
      const printer = new TimelinePrinter(ctx.io.stdout, { json: options.json === true, origin: DEFAULT_START_TIME });
      let unfinished = 0;
      for (const [index, run] of DEMO_RUNS.entries()) {
        printer.header(`${index + 1}/${DEMO_RUNS.length} ${run.scenario.flow.name}: ${run.label}`, { flow: run.scenario.flow.name, label: run.label });
        const result = await runScenario(run.scenario, (step) => printer.step(step));
        printer.result(result.flow ?? run.scenario.flow.name, result);
        if (!result.final) unfinished += 1;
      }
      const ms = Math.round(performance.now() - started);
      const summary = `${DEMO_RUNS.length} runs covering ${new Set(DEMO_RUNS.map((r) => r.scenario.flow.name)).size} flows in ${ms} ms of real time`;
      if (options.json === true) ctx.io.stdout(`${JSON.stringify({ type: 'summary', runs: DEMO_RUNS.length, unfinished, realMs: ms })}\n`);
      else ctx.io.stdout(`\n${summary}${unfinished === 0 ? '' : `; ${unfinished} did not finish`}\n`);
      ctx.setExitCode(unfinished === 0 ? EXIT.ok : EXIT.failed);
    });
}
