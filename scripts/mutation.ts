/**
 * `npm run test:mutation [-- stryker options]`, also CI's mutation step: Stryker in incremental
 * mode from the committed baseline (.stryker/incremental.json, stryker.config.mjs), so only
 * mutants in code or under tests changed since the baseline run again (`-- --force` runs them
 * all); then each folder's score and mutant counts (scripts/mutationScores.ts) and the run's
 * duration. Exits 1 when a folder is below its threshold, with Stryker's own code when Stryker
 * fails. The arguments go to Stryker as they are.
 */
import { spawnSync } from 'node:child_process';
import { checkReport } from './mutationScores';

/** What an incremental run may take (CI's budget); a longer one is printed as a warning, not cut short. */
const BUDGET_MS = 10 * 60_000;
const REPORT = 'artifacts/mutation/mutation.json';

const startedAt = Date.now();
// progress-append-only: plain lines in a CI log, where the progress bar would redraw one line.
const strykerArgs = process.argv.slice(2);
const stryker = spawnSync('npx', ['stryker', 'run', '--reporters', 'progress-append-only,clear-text,html,json', ...strykerArgs], { stdio: 'inherit' });
const durationMs = Date.now() - startedAt;
if (stryker.status !== 0) {
  console.error(`mutation: stryker failed (${stryker.error?.message ?? `exit ${stryker.status ?? stryker.signal}`})`);
  process.exit(stryker.status ?? 2);
}

const minutes = (durationMs / 60_000).toFixed(1);
console.log(`mutation: stryker took ${minutes} min`);
if (durationMs > BUDGET_MS && !strykerArgs.includes('--force')) console.warn(`mutation: the run took ${minutes} min, over the ${BUDGET_MS / 60_000} min budget: refresh the baseline (npm run test:mutation -- --force)`);
process.exit(checkReport(REPORT, 'mutation'));
