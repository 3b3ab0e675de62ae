import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';

/*
 * What the linter cannot say about itself: whether a file is one it reads, with a given rule on.
 * A `.js` file, or a glob in eslint.config.mjs that misses a folder, would escape its rules unnoticed.
 */

const CODE = /\.(ts|mts|cts|js|mjs|cjs)$/;

/** Every code file under `folder` except tests (the room rules are about the code, not its tests). */
export function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return CODE.test(path) && !path.endsWith('.test.ts') ? [path] : [];
  });
}

const eslint = new ESLint();

/** Which of `rules` the linter does not apply as errors to `path` (all of them when it skips the file). */
export async function rulesNotEnforced(path: string, rules: readonly string[]): Promise<string[]> {
  if (await eslint.isPathIgnored(path)) return [`${path} is ignored`];
  const config = (await eslint.calculateConfigForFile(path)) as { rules?: Record<string, unknown> } | undefined;
  if (!config) return [`${path} is not read by the linter`];
  const isError = (rule: string): boolean => {
    const setting = config.rules?.[rule];
    const severity: unknown = Array.isArray(setting) ? setting[0] : setting;
    return severity === 2 || severity === 'error';
  };
  return rules.filter((rule) => !isError(rule)).map((rule) => `${path}: ${rule} is off`);
}

/** `rulesNotEnforced` over many files, in one list. */
export async function uncovered(files: readonly string[], rules: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of files) found.push(...(await rulesNotEnforced(file, rules)));
  return found;
}
