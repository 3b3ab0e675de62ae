/*
 * What the kill tests share: their child host is bundled once (a restart then costs a plain
 * `node` start, not a TypeScript loader's), and it writes its events as JSON lines it fsyncs,
 * read here outside the killed process.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Bundle the child at `entry` (relative to the repository) into the cache; returns the bundle's path. */
export async function bundleChild(entry: string, cacheName: string): Promise<string> {
  const outfile = join(ROOT, 'node_modules', '.cache', cacheName, 'child.mjs');
  await build({ entryPoints: [join(ROOT, entry)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'silent' });
  return outfile;
}

/** The events of the log from `offset` on (a torn last line is left for the next read). */
export function readEventLog<T>(path: string, offset = 0): { events: T[]; offset: number } {
  const text = existsSync(path) ? readFileSync(path, 'utf8').slice(offset) : '';
  const end = text.lastIndexOf('\n') + 1;
  return { events: text.slice(0, end).split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as T), offset: offset + end };
}
