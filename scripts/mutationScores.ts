/**
 * The mutation score of each folder from Stryker's JSON report (the mutation-testing-report-schema
 * that `npm run test:mutation` writes to artifacts/mutation/mutation.json), against its threshold.
 * The numbers are counted by mutation-testing-metrics, the library Stryker's own reports use, so
 * they match the HTML report.
 */
import { readFileSync } from 'node:fs';
import { calculateMetrics } from 'mutation-testing-metrics';

/** The files of a mutation report, by path relative to the repository root. */
export type ReportFiles = Parameters<typeof calculateMetrics>[0];

/** A folder under mutation and the lowest score it may have, in percent. */
export interface FolderThreshold {
  readonly folder: string;
  readonly minScore: number;
}

/** Issue 21's targets. */
export const FOLDER_THRESHOLDS: readonly FolderThreshold[] = [
  { folder: 'src/domain/', minScore: 90 },
  { folder: 'src/core/', minScore: 85 },
  { folder: 'machines/', minScore: 85 },
  { folder: 'src/host/', minScore: 80 },
];

/** One folder's counts and whether its score meets the threshold. */
export interface FolderScore extends FolderThreshold {
  /** killed + timed out, over every valid mutant (errors and ignored ones do not count), in percent; NaN when none. */
  readonly score: number;
  readonly killed: number;
  readonly timeout: number;
  readonly survived: number;
  readonly noCoverage: number;
  readonly ignored: number;
  /** Mutants that did not compile or crashed the run: not counted in the score. */
  readonly errors: number;
  readonly valid: number;
  /** False also when the report has no valid mutant in the folder: a check that saw nothing passes nothing. */
  readonly passed: boolean;
}

/** The score of every folder in `thresholds`, from the report's files. */
export function folderScores(files: ReportFiles, thresholds: readonly FolderThreshold[] = FOLDER_THRESHOLDS): FolderScore[] {
  return thresholds.map((threshold) => {
    const inFolder = Object.fromEntries(
      Object.entries(files).filter(([path]) => path.replaceAll('\\', '/').startsWith(threshold.folder)),
    );
    const m = calculateMetrics(inFolder).metrics;
    return {
      ...threshold,
      score: m.mutationScore,
      killed: m.killed,
      timeout: m.timeout,
      survived: m.survived,
      noCoverage: m.noCoverage,
      ignored: m.ignored,
      errors: m.totalInvalid,
      valid: m.totalValid,
      passed: m.totalValid > 0 && m.mutationScore >= threshold.minScore,
    };
  });
}

/** The scores as a plain-text table, one row per folder. */
export function scoreTable(scores: readonly FolderScore[]): string {
  const header = ['folder', 'score', 'min', 'killed', 'timeout', 'survived', 'no cov', 'ignored', 'errors', 'valid', ''];
  const rows = scores.map((s) => [
    s.folder,
    Number.isNaN(s.score) ? 'n/a' : `${s.score.toFixed(2)}%`,
    `${s.minScore}%`,
    ...[s.killed, s.timeout, s.survived, s.noCoverage, s.ignored, s.errors, s.valid].map(String),
    s.passed ? 'ok' : 'BELOW',
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i]?.length ?? 0)));
  return [header, ...rows]
    .map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ').trimEnd())
    .join('\n');
}

/**
 * Read Stryker's JSON report, print every folder's score, and return the exit code: 0 when every
 * folder meets its threshold, 1 when one is below, 2 when the report cannot be read.
 * @param label - the script's name, prefixed to what it prints
 */
export function checkReport(reportPath: string, label: string, log: (line: string) => void = console.log, warn: (line: string) => void = console.error): 0 | 1 | 2 {
  let files: ReportFiles;
  try {
    files = (JSON.parse(readFileSync(reportPath, 'utf8')) as { files: ReportFiles }).files;
  } catch (error) {
    warn(`${label}: cannot read the Stryker JSON report ${reportPath}: ${(error as Error).message}`);
    return 2;
  }
  const scores = folderScores(files);
  log(scoreTable(scores));
  log(`${label}: ${scores.reduce((n, s) => n + s.valid, 0)} valid mutants`);
  const below = scores.filter((score) => !score.passed);
  if (below.length === 0) return 0;
  warn(`${label}: below threshold: ${below.map((s) => s.folder).join(', ')}`);
  return 1;
}
