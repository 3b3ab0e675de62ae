import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/*
 * What Stryker runs against each mutant (stryker.config.mjs): the unit tier alone, taken from
 * vitest.config.ts so the two never drift apart. The model, browser and e2e tiers are too slow
 * to repeat for thousands of mutants on two cores.
 */
const projects = base.test?.projects ?? [];
const unit = projects.filter((project) => typeof project === 'object' && 'test' in project && project.test?.name === 'unit');
if (unit.length !== 1) throw new Error('vitest.config.ts has no single project named "unit"');

export default defineConfig({ ...base, test: { ...base.test, reporters: ['default'], projects: unit } });
