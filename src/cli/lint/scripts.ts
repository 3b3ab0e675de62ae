import { basename, extname } from 'node:path';
import type { PortalScript } from './page';

/** The scripts of a portal file, and what was left out (external or non-JavaScript scripts). */
export interface PortalSource {
  readonly scripts: readonly PortalScript[];
  readonly skipped: readonly string[];
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const JS_TYPES: ReadonlySet<string> = new Set(['', 'text/javascript', 'application/javascript', 'text/ecmascript', 'application/ecmascript']);

/**
 * The portal code in a file: a `.js` file is one script; for `.html` the contents of every
 * inline classic `<script>`, in page order. External scripts (`src=`) are not fetched, and
 * module or data scripts are not run; both are listed in `skipped`.
 *
 * @param file - the file's path (its extension decides how it is read)
 * @param text - its contents
 * @throws Error for an extension other than .html, .htm, .js, .mjs or .cjs
 * @example portalSource('portal.html', '<script>function buy() {}</script>').scripts.length // 1
 */
export function portalSource(file: string, text: string): PortalSource {
  const name = basename(file);
  const extension = extname(file).toLowerCase();
  if (['.js', '.mjs', '.cjs'].includes(extension)) return { scripts: [{ source: text, name, file: name }], skipped: [] };
  if (extension !== '.html' && extension !== '.htm') throw new Error(`${name}: give an .html or .js file (got ${extension === '' ? 'no extension' : extension})`);
  const scripts: PortalScript[] = [];
  const skipped: string[] = [];
  let index = 0;
  for (const match of text.matchAll(SCRIPT)) {
    index += 1;
    const attributes = match[1] ?? '';
    const src = attribute(attributes, 'src');
    const type = (attribute(attributes, 'type') ?? '').trim().toLowerCase();
    if (src !== null) skipped.push(`<script src="${src}"> (external scripts are not fetched)`);
    else if (!JS_TYPES.has(type)) skipped.push(`<script type="${type}"> #${index} (only classic scripts run)`);
    else {
      // Where the script's text starts in the file, so stack lines name the file's own lines.
      const start = (match.index ?? 0) + match[0].indexOf('>') + 1;
      const before = text.slice(0, start).split('\n');
      scripts.push({ source: match[2] ?? '', name: `${name} <script> #${index}`, file: name, lineOffset: before.length - 1, columnOffset: (before.at(-1) ?? '').length });
    }
  }
  return { scripts, skipped };
}

function attribute(attributes: string, name: string): string | null {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attributes);
  return match === null ? null : (match[1] ?? match[2] ?? match[3] ?? '');
}

/**
 * The names of the functions a script declares, in source order: `function name(`, and
 * `const|let|var name = function / arrow`. The page decides which are really top level.
 *
 * @param source - a script's text
 * @example declaredFunctionNames('function buy() {}\nconst cancel = () => {};') // ['buy', 'cancel']
 */
export function declaredFunctionNames(source: string): string[] {
  const names: string[] = [];
  const declarations = /(?:^|[^.\w$])(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*\(/g;
  const expressions = /(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s+)?(?:function\b|\([^()]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>)/g;
  const found: Array<{ index: number; name: string }> = [];
  for (const m of source.matchAll(declarations)) found.push({ index: m.index ?? 0, name: m[1] ?? '' });
  for (const m of source.matchAll(expressions)) found.push({ index: m.index ?? 0, name: m[1] ?? '' });
  for (const { name } of found.sort((a, b) => a.index - b.index)) if (name !== '' && !names.includes(name)) names.push(name);
  return names;
}
