import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { checkDocs, generateDocs } from '../../docs/index';
import { EXIT } from '../io';
import type { CommandContext } from './context';

const EXAMPLES = `
Examples:
  $ mobile-plans docs                   # regenerate docs/ (flows, portal API, host guide)
  $ mobile-plans docs --check           # write nothing; exit 1 naming every stale file
  $ mobile-plans docs --out /tmp/docs   # write somewhere else`;

/** `mobile-plans docs`: regenerate the generated documents (src/docs `generateDocs`). */
export function addDocsCommand(program: Command, ctx: CommandContext): void {
  program
    .command('docs')
    .description('regenerate the flow documents, the portal API reference and the host guide')
    .option('--out <dir>', 'the folder to write into (default: the repository docs/)')
    .option('--check', 'write nothing; list the documents that differ from what the code generates')
    .addHelpText('after', EXAMPLES)
    .action((options: { out?: string; check?: boolean }) => {
      const outDir = options.out === undefined ? undefined : resolve(options.out);
      if (options.check === true) {
        const stale = checkDocs(outDir);
        for (const file of stale) ctx.io.stdout(`stale: ${file.path} (${file.problem})\n`);
        ctx.io.stdout(stale.length === 0 ? 'docs are fresh\n' : `${stale.length} stale document(s); run mobile-plans docs\n`);
        return ctx.setExitCode(stale.length === 0 ? EXIT.ok : EXIT.failed);
      }
      const written = generateDocs(outDir);
      for (const file of written) ctx.io.stdout(`${relative(process.cwd(), file)}\n`);
      ctx.io.stdout(`generated ${written.length} documents\n`);
      ctx.setExitCode(EXIT.ok);
    });
}
