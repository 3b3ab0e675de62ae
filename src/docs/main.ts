import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { checkDocs, generateDocs } from './generate';

export { checkDocs, generateDocs };

/**
 * `npm run docs` writes the generated documents into the repository's docs/ (or `--out <dir>`);
 * `npm run docs:check` (`--check`) writes nothing and exits 1, naming every stale file, when the
 * documents differ from the code. A repository script, not a command of the installed CLI: it
 * reads this repository's sources, and an installed package must never write into node_modules.
 *
 * @param args - the command-line arguments after the script's name, e.g. `['--out', '/tmp/docs']`
 * @returns the process exit code: 0 done (or fresh), 1 stale documents, 2 bad arguments
 */
export function main(args: readonly string[]): number {
  let options: { out?: string | undefined; check?: boolean | undefined };
  try {
    options = parseArgs({ args: [...args], options: { out: { type: 'string' }, check: { type: 'boolean' } } }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\nusage: npm run docs [-- --out <dir>] [-- --check]`);
    return 2;
  }
  const outDir = options.out === undefined ? undefined : resolve(options.out);
  const shown = outDir ?? 'docs';
  if (options.check === true) {
    const stale = checkDocs(outDir);
    if (stale.length === 0) {
      console.log('docs are fresh');
      return 0;
    }
    console.error('docs are stale; run npm run docs and commit the result:');
    for (const file of stale) console.error(`  ${shown}/${file.path} (${file.problem})`);
    return 1;
  }
  const written = generateDocs(outDir);
  for (const file of written) console.log(relative(process.cwd(), file));
  console.log(`generated ${written.length} documents`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
