import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDocs, generateDocs, renderDocs } from '../../src/docs/generate';

const temporary: string[] = [];
const scratch = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'docs-'));
  temporary.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('freshness', () => {
  it('the committed docs are what the code generates (run npm run docs if this fails)', () => {
    expect(checkDocs()).toEqual([]);
  });

  it('generation is deterministic: the same text twice, and no timestamps', () => {
    const first = renderDocs();
    expect(renderDocs()).toEqual(first);
    for (const file of first) expect(file.content).not.toMatch(/\b20\d\d-\d\d-\d\dT\d\d:/);
  });

  it('the check names a changed, a missing and an unexpected file', () => {
    const dir = scratch();
    const written = generateDocs(dir);
    expect(written.length).toBe(renderDocs().length);
    expect(checkDocs(dir)).toEqual([]);
    writeFileSync(join(dir, 'index.md'), `${readFileSync(join(dir, 'index.md'), 'utf8')}edited by hand\n`);
    rmSync(join(dir, 'flows', 'inlineDownload.md'));
    writeFileSync(join(dir, 'flows', 'retiredFlow.md'), 'old\n');
    expect(checkDocs(dir)).toEqual([
      { path: 'index.md', problem: 'differs' },
      { path: 'flows/inlineDownload.md', problem: 'missing' },
      { path: 'flows/retiredFlow.md', problem: 'unexpected' },
    ]);
  });

  it('generating again rewrites nothing that is already right', () => {
    const dir = scratch();
    generateDocs(dir);
    const before = renderDocs().map((f) => readFileSync(join(dir, f.path), 'utf8'));
    generateDocs(dir);
    expect(renderDocs().map((f) => readFileSync(join(dir, f.path), 'utf8'))).toEqual(before);
  });
});
