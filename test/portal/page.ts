import vm from 'node:vm';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CallbackScript, DiagnosticNotice } from '../../src/core/commands';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/sim/index';

/** The address the fixture pages are served from. */
export const PORTAL_ORIGIN = 'https://portal.example.com/buy';

/** A Luhn-valid ICCID the simulated eUICC starts with, disabled, for balance additions. */
export const DORMANT_ICCID = '8988247000101997790';

/** A page-like global (a node:vm context) with the simulator installed on it. */
export interface PortalPage {
  readonly context: vm.Context;
  readonly sim: Simulator;
  /** What the page passed to its `Log(...)`, in order. */
  readonly log: string[];
  /** Every diagnostic, from the bridge and the host. */
  readonly notices: DiagnosticNotice[];
  /** Every callback the host delivered to the page. */
  readonly callbacks: Array<{ operationId: string; script: CallbackScript; args: string }>;
  /** Run page code (a fixture, an example) in the page. */
  run(code: string, filename?: string): unknown;
  /** Let microtasks run, so callbacks deferred past a portal call arrive. */
  settle(): Promise<void>;
}

/**
 * Open a page at {@link PORTAL_ORIGIN} with the simulator: `Log` records, the eUICC holds a
 * dormant profile, SM-DS has a profile ready, and nothing is printed.
 */
export function openPortalPage(options: SimulatorOptions = {}): PortalPage {
  const log: string[] = [];
  const notices: DiagnosticNotice[] = [];
  const callbacks: PortalPage['callbacks'] = [];
  const context = vm.createContext({ Log: (message: unknown) => void log.push(String(message)) });
  const sim = startSimulator({
    global: context,
    origin: PORTAL_ORIGIN,
    allowedHosts: ['portal.example.com'],
    console: false,
    device: { profiles: [{ iccid: DORMANT_ICCID }], lpa: { discover: { profileReady: true } } },
    onDiagnostic: (notice) => void notices.push(notice),
    onCallback: (operationId, script, args) => void callbacks.push({ operationId, script, args }),
    ...options,
  });
  return {
    context,
    sim,
    log,
    notices,
    callbacks,
    run: (code, filename = 'page.js') => vm.runInContext(code, context, { filename }),
    settle: async () => {
      for (let i = 0; i < 8; i++) await Promise.resolve();
    },
  };
}

/** The text of a fixture script in `test/fixtures/portal/`. */
export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/portal/${name}`, import.meta.url)), 'utf8');
}
