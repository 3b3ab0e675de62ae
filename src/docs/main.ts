import { pathToFileURL } from 'node:url';
import { checkDocs, generateDocs } from './generate';

export { checkDocs, generateDocs };

/**
 * `npm run docs` writes the generated documents; `npm run docs:check` (`--check`) writes
 * nothing and exits 1, naming every stale file, when the committed docs differ from the code.
 *
 * @param args - the command-line arguments after the script's name
 * @returns the process exit code
 */
export function main(args: readonly string[]): number {
  if (args.includes('--check')) {
    const stale = checkDocs();
    if (stale.length === 0) {
      console.log('docs are fresh');
      return 0;
    }
    console.error('docs are stale; run npm run docs and commit the result:');
    for (const file of stale) console.error(`  docs/${file.path} (${file.problem})`);
    return 1;
  }
  const written = generateDocs();
  console.log(`generated ${written.length} documents`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
