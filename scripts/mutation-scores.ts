/**
 * Prints the mutation score of each folder from Stryker's JSON report and exits 1 when a folder
 * is below its threshold (scripts/mutationScores.ts). Run after `stryker run`:
 * `tsx scripts/mutation-scores.ts [artifacts/mutation/mutation.json]`.
 */
import { readFileSync } from 'node:fs';
import { folderScores, scoreTable, type ReportFiles } from './mutationScores';

const reportPath = process.argv[2] ?? 'artifacts/mutation/mutation.json';
let files: ReportFiles;
try {
  files = (JSON.parse(readFileSync(reportPath, 'utf8')) as { files: ReportFiles }).files;
} catch (error) {
  console.error(`mutation-scores: cannot read the Stryker JSON report ${reportPath}: ${(error as Error).message}`);
  process.exit(2);
}
const scores = folderScores(files);
console.log(scoreTable(scores));
const below = scores.filter((score) => !score.passed);
if (below.length > 0) {
  console.error(`mutation-scores: below threshold: ${below.map((s) => s.folder).join(', ')}`);
  process.exit(1);
}
