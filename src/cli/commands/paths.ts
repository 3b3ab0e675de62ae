import type { Command } from 'commander';
import type { FlowPaths } from '../../testing/pathData';
import type { FlowSpec } from '../flows';
import { EXIT, UsageError } from '../io';
import { parseFlowArgument } from '../options';
import type { CommandContext } from './context';

const EXAMPLES = `
Examples:
  $ mobile-plans paths delayed                 # the shortest paths, one line per step
  $ mobile-plans paths delayed --json > p.json # as data for a host in another language (paths.schema.json)
  $ mobile-plans paths smds --simple --json    # every simple path too`;

/** `mobile-plans paths <flow>`: the flow's generated paths as steps (testing `pathsFor`). */
export function addPathsCommand(program: Command, ctx: CommandContext): void {
  program
    .command('paths')
    .description("print a flow's generated paths: each step's core input, the commands and callbacks it gives, the state after")
    .argument('<flow>', 'the flow (a flow name or alias)', parseFlowArgument)
    .option('--simple', 'every simple path too, not only the shortest ones')
    .option('--json', 'one JSON document in the published format (mobile-plans-fulfillment/testing/paths.schema.json)')
    .addHelpText('after', EXAMPLES)
    .action(async (flow: FlowSpec, options: { simple?: boolean; json?: boolean }) => {
      const { pathsFor } = await loadPathData();
      const paths = pathsFor(flow.name, { simple: options.simple === true });
      ctx.io.stdout(options.json === true ? `${JSON.stringify(paths, null, 2)}\n` : formatPaths(paths));
      ctx.setExitCode(EXIT.ok);
    });
}

/**
 * The path generator runs on xstate's graph tools, an optional peer dependency: loaded only when
 * this command runs, so every other command works without xstate installed.
 */
async function loadPathData(): Promise<typeof import('../../testing/pathData')> {
  try {
    return await import('../../testing/pathData');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND' && /'xstate'/.test(String(error))) {
      throw new UsageError('mobile-plans paths needs xstate, an optional peer dependency: npm i xstate@5');
    }
    throw error;
  }
}

/** The paths as text: a line per step, no codes (they are credentials, even synthetic ones). */
export function formatPaths(paths: FlowPaths): string {
  const lines = [`${paths.flow}: ${paths.cases.length} ${paths.paths} paths (times from the hand-off; --json for the data)`];
  for (const path of paths.cases) {
    lines.push('', path.name);
    const start = path.steps[0]?.input.now ?? 0;
    path.steps.forEach((s, i) => {
      const commands = s.commands.map((c) => c.type).join(', ');
      const minutes = ((s.input.now - start) / 60_000).toFixed(2).replace(/\.?0+$/, '');
      lines.push(`  ${String(i + 1).padStart(2)}  ${`+${minutes} min`.padEnd(12)} ${s.input.type.padEnd(22)} → ${s.state.padEnd(18)} ${commands}`);
    });
  }
  return `${lines.join('\n')}\n`;
}
