/**
 * The documentation generator: flow documents from the machines, the portal reference, the
 * overview, and the host guide's inlined example. `npm run docs` (src/docs/main.ts) calls {@link generateDocs}.
 * Room: a tool, not library code; reads every room (machines, src/core, src/domain, src/portal, src/descriptions) and uses Node.
 * @packageDocumentation
 */
export { checkDocs, generateDocs, renderDocs, REPOSITORY_ROOT, type DocsOptions, type GeneratedFile, type StaleFile } from './generate';
export { main } from './main';
