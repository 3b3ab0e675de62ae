/*
 * What every bench module hands back: short tables and the targets it checks. `main.ts`
 * prints them as they come and writes them to RESULTS.md with --write.
 */

/** A table: a header row and rows of already formatted cells. */
export interface Table {
  readonly title: string;
  readonly head: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
}

/** A target: the figure, the limit, and whether it holds. */
export interface Target {
  readonly name: string;
  readonly figure: string;
  readonly limit: string;
  readonly pass: boolean;
  readonly note?: string;
  /** A check stricter than the issue asks (the bare core, or a harder load): reported apart from the issue's targets. */
  readonly stricter?: boolean;
}

/** One measurement's output. */
export interface Section {
  readonly title: string;
  readonly tables: readonly Table[];
  readonly targets: readonly Target[];
  readonly notes: readonly string[];
}

/** A table as GitHub markdown, columns padded so it also reads in a terminal. */
export function formatTable(table: Table): string {
  const widths = table.head.map((cell, i) => Math.max(cell.length, ...table.rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [`**${table.title}**`, '', line(table.head), rule, ...table.rows.map(line)].join('\n');
}

/** A section as markdown: title, tables, target lines, notes. */
export function formatSection(section: Section): string {
  const parts = [`## ${section.title}`, ...section.tables.map(formatTable)];
  if (section.targets.length > 0) parts.push(section.targets.map(formatTarget).join('\n'));
  if (section.notes.length > 0) parts.push(section.notes.map((note) => `- ${note}`).join('\n'));
  return parts.join('\n\n');
}

export function formatTarget(target: Target): string {
  const note = target.note === undefined ? '' : ` (${target.note})`;
  const kind = target.stricter === true ? 'stricter check' : 'target';
  return `- **${target.pass ? 'PASS' : 'FAIL'}** ${target.name}: ${target.figure} (${kind} ${target.limit})${note}`;
}

/** `12.3 µs`, `4.56 ms`, `1.23 s` from milliseconds. */
export function formatMs(ms: number): string {
  if (ms < 1) return `${(ms * 1000).toFixed(ms < 0.01 ? 2 : 1)} µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** `µs` with two decimals, from milliseconds. */
export function formatUs(ms: number): string {
  return (ms * 1000).toFixed(2);
}

export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

/** `12.3 KB` from bytes (1 KB = 1024 bytes). */
export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${Math.round(bytes)} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** `12,345` */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
