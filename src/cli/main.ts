import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { addDemoCommand } from './commands/demo';
import { addLintPortalCommand } from './commands/lintPortal';
import { addPathsCommand } from './commands/paths';
import { addSimulateCommand } from './commands/simulate';
import { addTestPortalCommand } from './commands/testPortal';
import type { CommandContext } from './commands/context';
import { EXIT, processIo, UsageError, type CliIo } from './io';
import { VERSION } from './version';

export type { CliIo } from './io';

/** The command-line program, built fresh for each run so runs share nothing. */
function program(ctx: CommandContext): Command {
  const cli = new Command('mobile-plans')
    .description('Simulate the Mobile Plans eSIM fulfilment flows and check operator portals against them.')
    .version(VERSION, '-V, --version', 'print the version of mobile-plans-fulfillment')
    .exitOverride()
    .configureOutput({ writeOut: ctx.io.stdout, writeErr: ctx.io.stderr })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      `
Examples:
  $ mobile-plans demo                                  # every flow once (what npm start runs)
  $ mobile-plans simulate delayed --delay 5            # one flow, step by step on a virtual clock
  $ mobile-plans simulate inline --outcome serverNotReachable
  $ mobile-plans lint-portal playground/portal/bad-portal.html
  $ mobile-plans test-portal my-portal/ --journey buy.journey.mjs   # the real page in headless Chromium`,
    );
  addSimulateCommand(cli, ctx);
  addDemoCommand(cli, ctx);
  addLintPortalCommand(cli, ctx);
  addPathsCommand(cli, ctx);
  addTestPortalCommand(cli, ctx);
  return cli;
}

/**
 * Run the CLI in-process: parse `argv` (the arguments after the program name), write to `io`,
 * and resolve with the exit code. Never exits the process and never throws for bad input.
 *
 * @param argv - e.g. `['simulate', 'delayed', '--delay', '5']`
 * @param io - where output goes (default: the process's stdout and stderr)
 * @returns 0 on success, 1 when the run found a problem, 2 on bad arguments
 * @example const code = await run(['simulate', 'inline'], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
 */
export async function run(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const ctx: CommandContext = { io, setExitCode: (code) => void (exitCode = code) };
  try {
    await program(ctx).parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n(add --help for usage)\n`);
      return EXIT.usage;
    }
    io.stderr(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failed;
  }
}

/** Run with the process's arguments and streams, and set its exit code. */
export async function runFromProcess(): Promise<void> {
  // `mobile-plans demo | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = await run(process.argv.slice(2));
}

// Run when this file is the entry point (`tsx src/cli/main.ts demo`), not when imported.
const entry = process.argv[1];
if (entry !== undefined && resolve(entry) === fileURLToPath(import.meta.url)) await runFromProcess();
