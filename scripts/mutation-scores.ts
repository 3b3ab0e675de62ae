/**
 * Prints the mutation score of each folder from Stryker's JSON report and exits 1 when a folder
 * is below its threshold (scripts/mutationScores.ts), without running Stryker:
 * `tsx scripts/mutation-scores.ts [artifacts/mutation/mutation.json]`.
 */
import { checkReport } from './mutationScores';

process.exit(checkReport(process.argv[2] ?? 'artifacts/mutation/mutation.json', 'mutation-scores'));
