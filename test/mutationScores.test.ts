import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReport, folderScores, scoreTable, type ReportFiles } from '../scripts/mutationScores';

type Status = 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored';

/** A report file whose mutants have the given statuses, as Stryker's JSON reporter writes it. */
function file(...statuses: Status[]): ReportFiles[string] {
  return {
    language: 'typescript',
    source: 'export const x = 1;\n',
    mutants: statuses.map((status, i) => ({
      id: String(i),
      mutatorName: 'ArithmeticOperator',
      location: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
      status,
    })),
  };
}

const THRESHOLDS = [
  { folder: 'src/domain/', minScore: 90 },
  { folder: 'src/host/', minScore: 50 },
];

describe('per-folder mutation scores', () => {
  it('counts killed and timed-out mutants as detected, over survivors and uncovered ones, per folder', () => {
    const [domain, host] = folderScores(
      {
        'src/domain/a.ts': file('Killed', 'Killed', 'Timeout', 'Survived'),
        'src/domain/b.ts': file('NoCoverage', 'CompileError', 'Ignored'),
        'src/host/c.ts': file('Killed', 'Survived'),
        'src/domainish/d.ts': file('Survived'),
      },
      THRESHOLDS,
    );
    expect(domain).toMatchObject({ killed: 2, timeout: 1, survived: 1, noCoverage: 1, ignored: 1, errors: 1, valid: 5, score: 60, passed: false });
    expect(host).toMatchObject({ killed: 1, survived: 1, valid: 2, score: 50, passed: true });
  });

  it('fails a folder the report has no mutant in', () => {
    const [domain] = folderScores({ 'src/host/c.ts': file('Killed') }, THRESHOLDS);
    expect(domain?.valid).toBe(0);
    expect(domain?.passed).toBe(false);
  });

  it('prints one row per folder with its score and verdict', () => {
    const table = scoreTable(folderScores({ 'src/domain/a.ts': file('Killed'), 'src/host/c.ts': file('Survived') }, THRESHOLDS));
    const lines = table.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^src\/domain\/\s+100\.00%\s+90%\s+1\s+0\s+0\s+0\s+0\s+0\s+1\s+ok$/);
    expect(lines[2]).toMatch(/^src\/host\/\s+0\.00%\s+50%.*BELOW$/);
  });
});

describe('checkReport', () => {
  const reportWith = (files: ReportFiles): string => {
    const path = join(mkdtempSync(join(tmpdir(), 'mutation-report-')), 'mutation.json');
    writeFileSync(path, JSON.stringify({ schemaVersion: '2', thresholds: { high: 90, low: 80 }, files }));
    return path;
  };
  const allKilled: ReportFiles = {
    'src/domain/a.ts': file('Killed'),
    'src/core/a.ts': file('Killed'),
    'machines/a.ts': file('Killed'),
    'src/host/a.ts': file('Killed'),
  };

  it('answers 0 and prints every folder when each meets its threshold', () => {
    const lines: string[] = [];
    expect(checkReport(reportWith(allKilled), 'test', (line) => void lines.push(line), (line) => void lines.push(line))).toBe(0);
    expect(lines.join('\n')).toMatch(/src\/host\/\s+100\.00%/);
    expect(lines.at(-1)).toBe('test: 4 valid mutants');
  });

  it('answers 1 and names the folder below its threshold', () => {
    const warnings: string[] = [];
    expect(checkReport(reportWith({ ...allKilled, 'src/core/b.ts': file('Survived') }), 'test', () => {}, (line) => void warnings.push(line))).toBe(1);
    expect(warnings).toEqual(['test: below threshold: src/core/']);
  });

  it('answers 2 for a report it cannot read', () => {
    const warnings: string[] = [];
    expect(checkReport(join(tmpdir(), 'no-such-report.json'), 'test', () => {}, (line) => void warnings.push(line))).toBe(2);
    expect(warnings[0]).toMatch(/^test: cannot read the Stryker JSON report .*no-such-report\.json: /);
  });
});
