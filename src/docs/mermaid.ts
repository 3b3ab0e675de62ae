/*
 * Text rules shared by the Mermaid writers. Mermaid reads `;` as a statement end and `#` as
 * the start of an entity code, so both are written as entity codes inside labels and messages.
 */

/**
 * Makes text safe inside a Mermaid label or message.
 *
 * @param text - free text, e.g. a JSON callback argument
 * @example mermaidText('a; b') // 'a#59; b'
 */
export function mermaidText(text: string): string {
  return text.replace(/[#;]/g, (c) => (c === '#' ? '#35;' : '#59;')).replace(/\r?\n/g, ' ');
}

/** Indents diagram lines under their header. */
export function diagram(header: string, lines: readonly string[]): string {
  return [header, ...lines.map((l) => `  ${l}`)].join('\n');
}
