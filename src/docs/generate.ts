import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLOW_NAMES } from '../../machines/index';
import { flowDocument } from './flowDoc';
import { hostGuideDocument } from './hostGuide';
import { indexDocument } from './indexDoc';
import { portalApiDocument } from './portalApiDoc';

/** One generated document: its path inside the docs folder (with `/`) and its text. */
export interface GeneratedFile {
  /** E.g. `flows/inlineDownload.md`. */
  readonly path: string;
  /** The whole file's text. */
  readonly content: string;
}

/** A document on disk that is not what the code generates. */
export interface StaleFile {
  /** The path inside the docs folder. */
  readonly path: string;
  /** `missing`: not on disk; `differs`: other text; `unexpected`: a flow document for no flow. */
  readonly problem: 'missing' | 'differs' | 'unexpected';
}

/** Where to read the sources from; by default the repository this file belongs to. */
export interface DocsOptions {
  /** The repository root to read machines, sources and the host guide from. */
  readonly root?: string;
}

/** The repository root: two folders above `src/docs/`. */
export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Every generated document, in a stable order, computed in memory: one per flow, the portal
 * reference, the overview, and the host guide with its example inlined.
 *
 * @param options - where the sources are
 */
export function renderDocs(options: DocsOptions = {}): GeneratedFile[] {
  const root = options.root ?? REPOSITORY_ROOT;
  return [
    { path: 'index.md', content: indexDocument() },
    { path: 'portal-api.md', content: portalApiDocument(root) },
    { path: 'host-guide.md', content: hostGuideDocument(root) },
    ...FLOW_NAMES.map((flow) => ({ path: `flows/${flow}.md`, content: flowDocument(flow, root) })),
  ];
}

/**
 * Regenerate the documents into `outDir` (default: the repository's `docs/`). Files whose text
 * is already right are not rewritten, so running it twice changes nothing.
 *
 * @param outDir - the docs folder to write into
 * @param options - where the sources are
 * @returns the paths of every generated file (written or already up to date)
 * @example generateDocs() // ['…/docs/index.md', '…/docs/portal-api.md', …]
 */
export function generateDocs(outDir?: string, options: DocsOptions = {}): string[] {
  const dir = outDir ?? join(options.root ?? REPOSITORY_ROOT, 'docs');
  return renderDocs(options).map((file) => {
    const target = join(dir, file.path);
    if (!existsSync(target) || readFileSync(target, 'utf8') !== file.content) {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.content);
    }
    return target;
  });
}

/**
 * Compare what the code generates with what is on disk, without writing anything.
 *
 * @param outDir - the docs folder to check (default: the repository's `docs/`)
 * @param options - where the sources are
 * @returns every stale file; empty when the docs are fresh
 */
export function checkDocs(outDir?: string, options: DocsOptions = {}): StaleFile[] {
  const dir = outDir ?? join(options.root ?? REPOSITORY_ROOT, 'docs');
  const files = renderDocs(options);
  const stale: StaleFile[] = files.flatMap((file): StaleFile[] => {
    const target = join(dir, file.path);
    if (!existsSync(target)) return [{ path: file.path, problem: 'missing' }];
    return readFileSync(target, 'utf8') === file.content ? [] : [{ path: file.path, problem: 'differs' }];
  });
  const expected = new Set(files.map((f) => f.path));
  const flowsDir = join(dir, 'flows');
  const extra = existsSync(flowsDir) ? readdirSync(flowsDir).filter((name) => name.endsWith('.md')).map((name) => `flows/${name}`) : [];
  for (const path of extra.sort()) if (!expected.has(path)) stale.push({ path, problem: 'unexpected' });
  return stale;
}
