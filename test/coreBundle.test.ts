import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/*
 * The core runs the flow definitions with its own small interpreter (src/core/flowRunner.ts):
 * the main entry point must not pull xstate's runtime into a host application's bundle.
 * The xstate machines live behind `mobile-plans-fulfillment/machines`.
 */

async function bundledInputs(entry: string): Promise<string[]> {
  const result = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, format: 'esm', platform: 'browser', logLevel: 'silent' });
  return Object.keys(result.metafile.inputs);
}

describe('the core entry point', () => {
  it('bundles without xstate', async () => {
    const inputs = await bundledInputs('src/index.ts');
    expect(inputs.some((file) => file.startsWith('src/core/'))).toBe(true);
    // valibot (the document schema, src/core/document.ts) is the one dependency it may carry.
    expect(inputs.filter((file) => file.includes('node_modules/') && !file.includes('node_modules/valibot/'))).toEqual([]);
  });

  it('the machines entry point does bundle xstate (the check sees it)', async () => {
    const inputs = await bundledInputs('machines/index.ts');
    expect(inputs.some((file) => file.includes('node_modules/xstate/'))).toBe(true);
  });
});
