import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/*
 * The linter's room and purity rules (eslint.config.mjs, decisions.md#d68-the-linter-keeps-the-layers),
 * run on small texts placed, by file path, inside a room. The texts are never written to disk.
 * Type-aware parsing is switched off: these rules read imports and names, not types, and a
 * type-checked program costs a minute this tier does not have.
 */
const NO_CYCLE_CHECK = { rules: { 'import-x/no-cycle': 'off' } } as const;
const eslint = new ESLint({ overrideConfig: [tseslint.configs.disableTypeChecked, NO_CYCLE_CHECK] });
/** The cycle check, alone, on a small room: following every import from the host takes seconds. */
const cycles = new ESLint({ overrideConfig: tseslint.configs.disableTypeChecked });

async function rulesReported(filePath: string, code: string, linter = eslint): Promise<string[]> {
  const [result] = await linter.lintText(code, { filePath });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  return result.messages.map((message) => message.ruleId ?? `fatal: ${message.message}`);
}

describe('the layer rules', () => {
  it('src/core importing the host is a restricted path', async () => {
    expect(await rulesReported('src/core/probe.ts', "import { createHost } from '../host/host';\nexport const made = createHost;\n")).toEqual([
      'import-x/no-restricted-paths',
    ]);
  });

  it('src/core importing the xstate machines is a restricted path, however the path is spelled', async () => {
    const code = "import { machines } from '../../machines/xstate';\nexport const all = machines;\n";
    expect(await rulesReported('src/core/probe.ts', code)).toEqual(['import-x/no-restricted-paths']);
  });

  it('src/domain importing node:fs or the core breaks two rules', async () => {
    const code = "import { readFileSync } from 'node:fs';\nimport { step } from '../core/step';\nexport const used = [readFileSync, step];\n";
    expect((await rulesReported('src/domain/probe.ts', code)).sort()).toEqual(['import-x/no-nodejs-modules', 'import-x/no-restricted-paths']);
  });

  it('machines importing the core is a restricted path', async () => {
    expect(await rulesReported('machines/probe.ts', "import { step } from '../src/core/step';\nexport const used = step;\n")).toEqual([
      'import-x/no-restricted-paths',
    ]);
  });

  it('the host importing the simulator is a restricted path', async () => {
    expect(await rulesReported('src/host/probe.ts', "import { startSimulator } from '../sim/index';\nexport const started = startSimulator;\n")).toEqual([
      'import-x/no-restricted-paths',
    ]);
  });

  it('the simulator importing Node is reported; the Node kit may', async () => {
    const code = "import { readFileSync } from 'node:fs';\nexport const used = readFileSync;\n";
    expect(await rulesReported('src/sim/probe.ts', code)).toEqual(['import-x/no-nodejs-modules']);
    expect(await rulesReported('src/node/probe.ts', code)).toEqual([]);
  });

  it('an import that closes a cycle among our files is reported', async () => {
    // src/domain/index.ts imports ./enums, so enums importing the index closes a loop.
    const code = "import { ENUM_OBJECTS } from './index';\nexport const again = ENUM_OBJECTS;\n";
    expect(await rulesReported('src/domain/enums.ts', code, cycles)).toEqual(['import-x/no-cycle']);
    expect(await rulesReported('src/domain/enums.ts', "import { roundDelay } from './delay';\nexport const used = roundDelay;\n", cycles)).toEqual([]);
  });
});

describe('the purity rules', () => {
  it('the clock in the core is reported', async () => {
    expect(await rulesReported('src/core/probe.ts', 'export const now = (): number => Date.now();\n')).toEqual(['no-restricted-globals']);
  });

  it('randomness, timers, the console and process in the core are reported', async () => {
    const code = 'export const id = Math.random();\nsetTimeout(() => console.log(process.env), 1);\n';
    expect((await rulesReported('src/core/probe.ts', code)).sort()).toEqual([
      'no-console',
      'no-restricted-globals',
      'no-restricted-globals',
      'no-restricted-properties',
    ]);
  });

  it("xstate's invoked actors and delayed transitions in a machine are reported; a deadline's `after` is not", async () => {
    const code = "import { fromPromise } from 'xstate';\nexport const node = { invoke: { src: fromPromise(async () => 1) }, after: { 1000: 'late' } };\nexport const deadline = { after: 'delay', target: 'toastShown' };\n";
    expect((await rulesReported('machines/probe.ts', code)).sort()).toEqual(['no-restricted-imports', 'no-restricted-syntax', 'no-restricted-syntax']);
  });
});

describe('clean code', () => {
  it('a core file that imports only the domain and the machines reports nothing', async () => {
    const code = "import { roundDelay } from '../domain/delay';\nimport { flows } from '../../machines/flows';\nimport { step } from './step';\nexport const used = [roundDelay, flows, step];\n";
    expect(await rulesReported('src/core/probe.ts', code)).toEqual([]);
  });
});
