import { readFileSync } from 'node:fs';

/** Where the example starts in `docs/host-guide.md`; everything up to {@link EXAMPLE_END} is replaced. */
export const EXAMPLE_START = '<!-- minimal-host:start (generated from docs/examples/minimal-host.ts: edit that file) -->';
/** Where the inlined example ends. */
export const EXAMPLE_END = '<!-- minimal-host:end -->';

/** The hand-written guide and the example it inlines, relative to the repository root. */
export const HOST_GUIDE_SOURCE = 'docs/host-guide.md';
/** The example host, a real module that a test runs. */
export const MINIMAL_HOST_SOURCE = 'docs/examples/minimal-host.ts';
/** The example host on the durable kit (`mobile-plans-fulfillment/node`), a real module that a test runs. */
export const DURABLE_HOST_SOURCE = 'docs/examples/durable-host.ts';
/** The example host on the web-view endpoint and the durable kit together, a real module that a test runs in Chromium. */
export const WEBVIEW_HOST_SOURCE = 'docs/examples/webview-host.ts';

/** The examples the guide inlines, each between its own pair of markers. */
export const GUIDE_EXAMPLES: ReadonlyArray<{ readonly source: string; readonly start: string; readonly end: string }> = [
  { source: MINIMAL_HOST_SOURCE, start: EXAMPLE_START, end: EXAMPLE_END },
  { source: DURABLE_HOST_SOURCE, start: `<!-- durable-host:start (generated from ${DURABLE_HOST_SOURCE}: edit that file) -->`, end: '<!-- durable-host:end -->' },
  { source: WEBVIEW_HOST_SOURCE, start: `<!-- webview-host:start (generated from ${WEBVIEW_HOST_SOURCE}: edit that file) -->`, end: '<!-- webview-host:end -->' },
];

/**
 * The host integration guide with an example inlined verbatim between its markers, so the
 * guide's code is always the code the test runs. The rest of the guide is written by hand.
 *
 * @param guide - the guide's current text
 * @param example - the example's source
 * @param markers - where it goes; default the minimal host's markers
 * @throws when the markers are missing or out of order
 */
export function inlineExample(guide: string, example: string, markers: { readonly start: string; readonly end: string } = { start: EXAMPLE_START, end: EXAMPLE_END }): string {
  const start = guide.indexOf(markers.start);
  const end = guide.indexOf(markers.end);
  if (start < 0 || end < start) throw new Error(`${HOST_GUIDE_SOURCE} must contain ${markers.start} and then ${markers.end}`);
  const block = `\`\`\`ts\n${example.replace(/\n+$/, '')}\n\`\`\``;
  return `${guide.slice(0, start + markers.start.length)}\n${block}\n${guide.slice(end)}`;
}

/**
 * The guide as it should be on disk: read the guide and its examples from the repository.
 *
 * @param root - the repository root
 */
export function hostGuideDocument(root: string): string {
  return GUIDE_EXAMPLES.reduce((guide, example) => inlineExample(guide, readFileSync(`${root}/${example.source}`, 'utf8'), example), readFileSync(`${root}/${HOST_GUIDE_SOURCE}`, 'utf8'));
}
