/**
 * The script `test-portal` injects before any page script: the one-file simulator, then the
 * agent that starts it and reports to Node, wrapped in one function so neither leaves globals
 * behind but the portal objects and a locked `MobilePlansSim`. From the installed package both
 * are read from dist/browser/; run from this repository's sources, both are bundled in memory
 * with esbuild (a development dependency), so a fresh clone needs no build.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { AGENT_SCRIPT_URL, type AgentConfig } from './events';

/** The simulator and the agent, as shipped (relative to the package root). */
export const SHIPPED_SIMULATOR = 'dist/browser/mobile-plans-sim.js';
export const SHIPPED_AGENT = 'dist/browser/mobile-plans-test-portal-agent.js';
/** The agent's bundle defines this global (scripts/build-browser.ts). */
export const AGENT_BUNDLE_GLOBAL = 'MobilePlansTestPortalAgent';

let scripts: Promise<{ simulator: string; agent: string }> | undefined;

/**
 * The init script for one run.
 *
 * @param config - the allow-list, transaction id and binding name the agent uses
 */
export async function initScript(config: AgentConfig): Promise<string> {
  scripts ??= fromSources() ? bundleFromSources() : readShipped();
  const { simulator, agent } = await scripts;
  return [
    '(function () {',
    withoutMapLink(simulator),
    withoutMapLink(agent),
    `${AGENT_BUNDLE_GLOBAL}.startAgent(${JSON.stringify(config)});`,
    '})();',
    `//# sourceURL=${AGENT_SCRIPT_URL}`,
  ].join('\n');
}

/** Whether this module runs from the TypeScript sources (tsx, vitest) rather than the built package. */
function fromSources(): boolean {
  return import.meta.url.endsWith('.ts');
}

/** The package root: dist/cli.js and its chunks sit one or two folders below it. */
function packageRoot(): URL {
  for (const up of ['../', '../../', '../../../']) {
    const root = new URL(up, import.meta.url);
    if (existsSync(fileURLToPath(new URL('package.json', root)))) return root;
  }
  throw new Error('mobile-plans test-portal: cannot find the package folder of mobile-plans-fulfillment');
}

async function readShipped(): Promise<{ simulator: string; agent: string }> {
  const root = packageRoot();
  const read = (file: string): Promise<string> => readFile(fileURLToPath(new URL(file, root)), 'utf8');
  return { simulator: await read(SHIPPED_SIMULATOR), agent: await read(SHIPPED_AGENT) };
}

async function bundleFromSources(): Promise<{ simulator: string; agent: string }> {
  // Only from the sources: esbuild is a development tool (tsdown.config.ts keeps it out of dist/cli.js).
  const { build } = await import('esbuild');
  const bundle = async (entry: string, globalName: string): Promise<string> => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
      bundle: true,
      format: 'iife',
      globalName,
      platform: 'browser',
      target: 'es2022',
      define: { 'process.env.NODE_ENV': '"production"' },
      write: false,
      logLevel: 'silent',
    });
    return result.outputFiles[0]?.text ?? '';
  };
  const [simulator, agent] = await Promise.all([bundle('../../sim/browser.ts', 'MobilePlansSim'), bundle('./pageAgent.ts', AGENT_BUNDLE_GLOBAL)]);
  return { simulator, agent };
}

function withoutMapLink(code: string): string {
  return code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
}
