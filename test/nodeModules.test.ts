import { describe, expect, it } from 'vitest';
import { rulesNotEnforced, sourceFiles, uncovered } from './support/lintCoverage';

/*
 * The library runs in a web view or a browser: only the entry points made for Node import Node's
 * modules (`./node`, the durable host kit; `./testing`, the conformance kit, Node only; the CLI and
 * the docs generator, which are not library code). The linter enforces it (eslint.config.mjs:
 * import-x/no-nodejs-modules, `process` in no-restricted-globals, write-file-atomic in
 * no-restricted-imports; test/lint.test.ts shows it failing). Kept here is only what the linter
 * cannot express: that every library file is one it reads with those rules on.
 */
const NODE_FOLDERS = ['src/node', 'src/testing', 'src/cli', 'src/docs'];
const NODE_RULES = ['import-x/no-nodejs-modules', 'no-restricted-globals', 'no-restricted-imports'];

describe("Node's modules", () => {
  it('every library file outside the Node entry points and the tools is linted against them', async () => {
    const library = [...sourceFiles('src'), ...sourceFiles('machines')].filter((path) => !NODE_FOLDERS.some((folder) => path.startsWith(`${folder}/`)));
    expect(library.length).toBeGreaterThan(50);
    expect(await uncovered(library, NODE_RULES)).toEqual([]);
  });

  it('the check notices a file the rules do not reach', async () => {
    expect(await rulesNotEnforced('src/sim/probe.mjs', NODE_RULES)).not.toEqual([]);
    expect(await rulesNotEnforced('src/node/probe.ts', NODE_RULES)).not.toEqual([]);
  });
});
