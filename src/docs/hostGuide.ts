import { readFileSync } from 'node:fs';

/** Where the example starts in `docs/host-guide.md`; everything up to {@link EXAMPLE_END} is replaced. */
export const EXAMPLE_START = '<!-- minimal-host:start (generated from docs/examples/minimal-host.ts: edit that file) -->';
/** Where the inlined example ends. */
export const EXAMPLE_END = '<!-- minimal-host:end -->';

/** The hand-written guide and the example it inlines, relative to the repository root. */
export const HOST_GUIDE_SOURCE = 'docs/host-guide.md';
/** The example host, a real module that a test runs. */
export const MINIMAL_HOST_SOURCE = 'docs/examples/minimal-host.ts';

/**
 * The host integration guide with the example inlined verbatim between its markers, so the
 * guide's code is always the code the test runs. The rest of the guide is written by hand.
 *
 * @param guide - the guide's current text
 * @param example - the example's source
 * @throws when the markers are missing or out of order
 */
export function inlineExample(guide: string, example: string): string {
  const start = guide.indexOf(EXAMPLE_START);
  const end = guide.indexOf(EXAMPLE_END);
  if (start < 0 || end < start) throw new Error(`${HOST_GUIDE_SOURCE} must contain ${EXAMPLE_START} and then ${EXAMPLE_END}`);
  const block = `\`\`\`ts\n${example.replace(/\n+$/, '')}\n\`\`\``;
  return `${guide.slice(0, start + EXAMPLE_START.length)}\n${block}\n${guide.slice(end)}`;
}

/**
 * The guide as it should be on disk: read both files from the repository.
 *
 * @param root - the repository root
 */
export function hostGuideDocument(root: string): string {
  return inlineExample(readFileSync(`${root}/${HOST_GUIDE_SOURCE}`, 'utf8'), readFileSync(`${root}/${MINIMAL_HOST_SOURCE}`, 'utf8'));
}
