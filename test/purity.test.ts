import { describe, expect, it } from 'vitest';
import { rulesNotEnforced, sourceFiles, uncovered } from './support/lintCoverage';

/*
 * Decision D24 (docs/decisions.md): these folders never reach for the outside world. The linter
 * enforces it (eslint.config.mjs: no-restricted-globals for the clock, timers, crypto, I/O and
 * process; no-restricted-properties for Math.random; no-console; import-x/no-nodejs-modules;
 * import-x/no-restricted-paths for the rooms), and test/lint.test.ts shows each rule failing.
 * Kept here is only what the linter cannot express: that every file of these folders is one it
 * reads with those rules on.
 */
const PURE_FOLDERS = ['machines', 'src/core', 'src/domain'];
const PURITY_RULES = ['no-restricted-globals', 'no-restricted-properties', 'no-console', 'import-x/no-nodejs-modules', 'import-x/no-restricted-paths'];

describe('the pure core', () => {
  for (const folder of PURE_FOLDERS) {
    it(`every file of ${folder} is linted with the purity rules on`, async () => {
      const files = sourceFiles(folder);
      expect(files.length).toBeGreaterThan(0);
      expect(await uncovered(files, PURITY_RULES)).toEqual([]);
    });
  }

  it('the check notices a file the rules do not reach', async () => {
    expect(await rulesNotEnforced('src/core/probe.js', PURITY_RULES)).not.toEqual([]);
    expect(await rulesNotEnforced('src/sim/probe.ts', PURITY_RULES)).not.toEqual([]);
  });
});
