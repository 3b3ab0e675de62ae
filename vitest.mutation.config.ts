import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/*
 * What Stryker runs against each mutant (stryker.config.mjs): the unit tier, taken from
 * vitest.config.ts so the two never drift apart. The model, browser and e2e tiers are too slow
 * to repeat for thousands of mutants on two cores.
 */
const projects = base.test?.projects ?? [];
const unit = projects.filter((project) => typeof project === 'object' && 'test' in project && project.test?.name === 'unit');
if (unit.length !== 1 || typeof unit[0] !== 'object' || !('test' in unit[0])) throw new Error('vitest.config.ts has no single project named "unit"');
const unitProject = unit[0];

/**
 * Unit tests that never run the mutated code as behaviour, or cannot run in the sandbox, left out of the mutation tier
 * (decisions.md#d71-the-mutation-tier-leaves-out-what-cannot-kill-a-mutant-and-runs-test-files-in-path-order):
 * - packageExports imports every entry point inside a test: whichever file runs first decides
 *   whether the flow tables' module-level code counts as static or as covered by that one test,
 *   so the same mutant was planned two ways in two runs;
 * - browserBuild and coreBundle bundle the sources with esbuild and read the output;
 * - nodeModules and purity read the source text (in the sandbox, the instrumented text);
 * - mutationScores tests scripts/, which is not mutated;
 * - the spec-examples suites read the spec corpus beside the repository, which Stryker's sandbox
 *   (.stryker/tmp/) is not: there they would fail under CI=true (D23) and skip otherwise.
 */
const CANNOT_KILL = [
  'test/packageExports.test.ts',
  'test/browserBuild.test.ts',
  'test/coreBundle.test.ts',
  'test/nodeModules.test.ts',
  'test/purity.test.ts',
  'test/mutationScores.test.ts',
  'test/portal/spec-examples.test.ts',
  'test/webview/spec-examples.test.ts',
];

/**
 * Test files in path order. Vitest's default order follows its results cache (slowest and last
 * failed first), which every run rewrites: the order must not change which test a mutant's
 * coverage is counted against, nor how soon a static mutant's run meets a failing test.
 */
class ByPath extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return Promise.resolve([...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId)));
  }
}

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    reporters: ['default'],
    // A mutant that leaves a promise pending hangs its test: failing it after 8 s (the slowest
    // unit test, src/host/workQueue.test.ts, takes 1.5 s uninstrumented) counts it as killed without waiting for
    // Stryker's own timeout (10 s + 1.5 × the tests' time + the dry run's overhead), which also
    // restarts the worker.
    testTimeout: 8_000,
    sequence: { sequencer: ByPath },
    projects: [{ ...unitProject, test: { ...unitProject.test, exclude: [...(unitProject.test?.exclude ?? []), ...CANNOT_KILL] } }],
  },
});
