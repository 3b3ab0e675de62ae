/**
 * The mutation step for CI (`npm run test:mutation:ci`): Stryker in incremental mode from the
 * committed baseline (.stryker/incremental.json, stryker.config.mjs), so only mutants in code or
 * under tests changed since the baseline run again; then each folder's score and mutant counts
 * (scripts/mutationScores.ts) and the run's duration. Exits 1 when a folder is below its
 * threshold, with Stryker's own code when Stryker fails. Not yet called from .ci/run.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { folderScores, scoreTable, type ReportFiles } from './mutationScores';

/** What the issue allows the CI step; a longer run is printed as a warning, not cut short. */
const BUDGET_MS = 10 * 60_000;
const REPORT = 'artifacts/mutation/mutation.json';

const startedAt = Date.now();
// progress-append-only: plain lines in a CI log, where the progress bar would redraw one line.
const stryker = spawnSync('npx', ['stryker', 'run', '--reporters', 'progress-append-only,clear-text,html,json', ...process.argv.slice(2)], { stdio: 'inherit' });
const durationMs = Date.now() - startedAt;
if (stryker.status !== 0) {
  console.error(`mutation-ci: stryker failed (${stryker.error?.message ?? `exit ${stryker.status ?? stryker.signal}`})`);
  process.exit(stryker.status ?? 2);
}

let files: ReportFiles;
try {
  files = (JSON.parse(readFileSync(REPORT, 'utf8')) as { files: ReportFiles }).files;
} catch (error) {
  console.error(`mutation-ci: cannot read the Stryker JSON report ${REPORT}: ${(error as Error).message}`);
  process.exit(2);
}
const scores = folderScores(files);
console.log(scoreTable(scores));
const minutes = (durationMs / 60_000).toFixed(1);
console.log(`mutation-ci: ${scores.reduce((n, s) => n + s.valid, 0)} valid mutants, ${minutes} min`);
if (durationMs > BUDGET_MS) console.warn(`mutation-ci: the run took ${minutes} min, over the ${BUDGET_MS / 60_000} min budget: refresh the baseline (npm run test:mutation -- --force)`);
const below = scores.filter((score) => !score.passed);
if (below.length > 0) {
  console.error(`mutation-ci: below threshold: ${below.map((s) => s.folder).join(', ')}`);
  process.exit(1);
}
