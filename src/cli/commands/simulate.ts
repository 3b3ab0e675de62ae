import { Option, type Command } from 'commander';
import { DEFAULT_START_TIME } from '../../sim/device/index';
import { flowNamesForHelp, type FlowSpec } from '../flows';
import { EXIT, UsageError } from '../io';
import { parseActivationError, parseFlowArgument, parseMinutes, parseTimeInMinutes, REGISTRATION_CHOICES } from '../options';
import { runScenario, scenarioOf, type RegistrationChoice, type Scenario } from '../scenario';
import { TimelinePrinter } from '../timeline';
import type { ActivationError } from '../../domain/enums';
import type { CommandContext } from './context';

interface SimulateOptions {
  delay?: number;
  interval?: number;
  outcome?: ActivationError;
  registration?: RegistrationChoice;
  cancelAt?: number;
  restartAt?: number;
  json?: boolean;
}

const EXAMPLES = `
Flows: ${flowNamesForHelp()}.

Examples:
  $ mobile-plans simulate inline
  $ mobile-plans simulate delayed --delay 5                 # toast at +00:15:00 (rounded up to 15 min)
  $ mobile-plans simulate delayed --delay 5 --cancel-at 14  # cancelled inside the window: no download
  $ mobile-plans simulate inline --outcome serverNotReachable
  $ mobile-plans simulate async --interval 30 --registration denied
  $ mobile-plans simulate smds --restart-at 10              # the host restarts while waiting
  $ mobile-plans simulate legacy --json                     # JSON lines, one per step

Exit status: 0 when the operation reached a final state (whatever its outcome),
1 when it did not (or the hand-off was refused), 2 on bad arguments.`;

/** `mobile-plans simulate <flow>`: run one flow on the simulated device and print its timeline. */
export function addSimulateCommand(program: Command, ctx: CommandContext): void {
  program
    .command('simulate')
    .description('run one flow against the simulated device on a virtual clock and print its timeline')
    .argument('<flow>', 'the flow to run (a flow name or alias, see below)', parseFlowArgument)
    .option('--delay <minutes>', "the flow's delay: downloadDelay (delayed), networkRegistrationInterval (async), profileDownloadDelayInterval (smds)", parseMinutes)
    .option('--interval <minutes>', 'same as --delay (the spec calls it an interval for async and smds)', parseMinutes)
    .addOption(new Option('--outcome <activationError>', "what the flow's LPA download (balance: enable) answers, e.g. serverNotReachable").argParser(parseActivationError))
    .addOption(new Option('--registration <state>', 'how the modem registers after enabling').choices(REGISTRATION_CHOICES))
    .option('--cancel-at <time>', 'the portal calls notifyOperationCancel at this virtual time: minutes (14, 14.5) or minutes:seconds (14:59)', parseTimeInMinutes)
    .option('--restart-at <time>', 'the host restarts (persist, drop, restore) at this virtual time: minutes (10, 10.5) or minutes:seconds', parseTimeInMinutes)
    .option('--json', 'print JSON lines (one per step, then the result) instead of text')
    .addHelpText('after', EXAMPLES)
    .action(async (flow: FlowSpec, options: SimulateOptions) => {
      const scenario = scenarioFrom(flow, options);
      const printer = new TimelinePrinter(ctx.io.stdout, { json: options.json === true, origin: DEFAULT_START_TIME });
      printer.header(flow.title, { flow: flow.name });
      const result = await runScenario(scenario, (step) => printer.step(step));
      printer.result(result.flow ?? flow.name, result);
      if (result.final) return ctx.setExitCode(EXIT.ok);
      ctx.io.stderr(result.refused !== null ? `error: the hand-off was refused: ${result.refused}\n` : `error: ${result.operationId} did not reach a final state (stopped in ${result.state})\n`);
      ctx.setExitCode(EXIT.failed);
    });
}

/** The scenario the options describe; options that do not fit the flow are usage errors. */
export function scenarioFrom(flow: FlowSpec, options: SimulateOptions): Scenario {
  if (options.delay !== undefined && options.interval !== undefined) throw new UsageError('give --delay or --interval, not both (they set the same value).');
  const delay = options.delay ?? options.interval ?? null;
  if (delay !== null && flow.delay === null) {
    throw new UsageError(`${flow.name} takes no delay; --delay and --interval apply to delayedDownload, asyncConnectivity and delayedProfile.`);
  }
  if (options.outcome !== undefined && flow.outcomeTarget === null) {
    throw new UsageError(`${flow.name} makes no LPA call, so --outcome has nothing to script.`);
  }
  return scenarioOf(flow, {
    delayMinutes: delay,
    outcome: options.outcome ?? null,
    registration: options.registration ?? null,
    cancelAtMinutes: options.cancelAt ?? null,
    restartAtMinutes: options.restartAt ?? null,
  });
}
