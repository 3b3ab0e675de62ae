import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The library runs in a web view or a browser: only the entry points made for Node import
 * Node's modules (`./node`, the durable host kit; `./testing`, the conformance kit, Node only;
 * the CLI and the docs generator, which are not library code).
 */
const NODE_FOLDERS = ['src/node', 'src/testing', 'src/cli', 'src/docs'];
const NODE_IMPORT = /from ['"](node:|fs['"]|path['"]|os['"]|child_process['"]|write-file-atomic['"])|\bprocess\.(std|env|argv|exit)/;

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe("Node's modules", () => {
  it('are imported only by the Node entry points (src/node, src/testing) and the tools (src/cli, src/docs)', () => {
    const library = [...sources('src'), ...sources('machines')].filter((path) => !NODE_FOLDERS.some((folder) => path.startsWith(`${folder}/`)));
    expect(library.length).toBeGreaterThan(50);
    expect(library.filter((path) => NODE_IMPORT.test(readFileSync(path, 'utf8')))).toEqual([]);
  });

  it('the check notices one', () => {
    expect(NODE_IMPORT.test("import { readFile } from 'node:fs/promises';")).toBe(true);
    expect(NODE_IMPORT.test('const out = process.stderr;')).toBe(true);
  });
});
