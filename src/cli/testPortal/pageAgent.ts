/**
 * Runs in the portal's page, injected by `mobile-plans test-portal` before any page script
 * (after the one-file simulator script, whose global `MobilePlansSim` it uses): starts the
 * simulator with the run's allow-list and transaction id, and tells Node about every portal
 * call, diagnostic, callback and report as it happens, with the page's stack at the call so the
 * portal's source line can be named. Bundled into dist/browser/ by scripts/build-browser.ts.
 */
import type { Simulator, SimulatorOptions } from '../../sim/simulator';
import type { TraceEntry } from '../../sim/device/trace';
import { CALLBACK_SLOTS } from '../../portal/callbacks';
import { INLINE_OPERATION_OBJECTS } from '../../portal/entryPoints';
import { AGENT_GLOBAL, type AgentConfig, type AgentEvent, type PageAgent } from './events';
import { noticeFields } from '../noticeFields';
import { stackHere } from '../stackHere';

declare const MobilePlansSim: { start(options: SimulatorOptions): Simulator; MobilePlansSecurityError: unknown };

/** Start the agent on this page. */
export function startAgent(config: AgentConfig): void {
  const page = globalThis as unknown as Record<string, unknown>;
  const send = (event: AgentEvent): void => {
    const binding = page[config.binding];
    // The binding returns a promise; the page never waits for Node.
    if (typeof binding === 'function') void Promise.resolve((binding as (e: AgentEvent) => unknown)(event)).catch(() => {});
  };
  let calls = 0;
  /** The stack at the page's last assignment of each callback slot (`profileActivationCompleteScript = ...`). */
  const slotSites = new Map<string, string>();
  let pending: { index: number; entryPoint: string; stack: string } | null = null;

  const onTrace = (entry: TraceEntry): void => {
    if (entry.kind !== 'user') return;
    const started = /^portal calls (\S+)$/.exec(entry.summary);
    if (started !== null) {
      pending = { index: ++calls, entryPoint: started[1] ?? '', stack: stackHere() };
      return;
    }
    // The simulator's next user line answers the call: `<entry point or method> returns op-1`, `... was refused (...)`.
    const call = pending;
    if (call === null) return;
    const method = call.entryPoint.slice(call.entryPoint.lastIndexOf('.') + 1);
    const answered = [call.entryPoint, method].find((name) => entry.summary.startsWith(`${name} `));
    if (answered === undefined) return;
    pending = null;
    send({ kind: 'call', index: call.index, entryPoint: call.entryPoint, operationId: entry.operationId ?? null, reply: entry.summary.slice(answered.length + 1), stack: call.stack });
  };

  const sim = MobilePlansSim.start({
    allowedHosts: [...config.allowedHosts],
    allowLocalhost: true,
    console: false,
    transactionId: config.transactionId,
    // SM-DS has the profile once asked, so a delayed-profile hand-off runs to its callbacks (as lint-portal).
    device: { lpa: { discover: { profileReady: true } }, onTrace },
    onDiagnostic: (notice) => {
      const redact = (text: string): string => sim.device.trace.redactor.text(text);
      // A callback that cannot be delivered is the fault of the line that named it, when the page set one.
      const slotSite = notice.diagnostic.code === 'invalidCallback' && notice.diagnostic.field !== undefined ? slotSites.get(notice.diagnostic.field) : undefined;
      const stack = slotSite ?? stackHere();
      let callIndex = pending?.index ?? null;
      // Refused by the bridge before the host saw it (origin, an argument that cannot be copied): still a call.
      if (pending === null && notice.entryPoint !== null && notice.operationId === null && /\brefused|ignored\b/.test(notice.diagnostic.message)) {
        callIndex = ++calls;
        send({ kind: 'call', index: callIndex, entryPoint: notice.entryPoint, operationId: null, reply: 'was refused by the bridge; nothing started', stack });
      }
      send({ kind: 'diagnostic', ...noticeFields(notice, redact), callIndex, stack });
    },
    onCallback: (operationId, script, args) => send({ kind: 'callback', operationId, script, args: sim.device.trace.redactor.text(args) }),
    onReport: (report) =>
      send({ kind: 'report', operationId: report.operationId, flow: report.flow, entryPoint: report.entryPoint, outcome: report.outcome, activationResult: report.activationResult }),
  });

  recordSlotAssignments(page, slotSites);

  // A development page that loads the simulator script and starts it (the playground portals do)
  // gets this simulator: one device per page, the one test-portal watches. A later
  // `var MobilePlansSim = ...` in the page's copy cannot replace it.
  const locked = Object.freeze({
    start: (): Simulator => {
      send({ kind: 'pageStartedSimulator', stack: stackHere() });
      return sim;
    },
    MobilePlansSecurityError: MobilePlansSim.MobilePlansSecurityError,
  });
  Object.defineProperty(page, 'MobilePlansSim', { value: locked, writable: false, enumerable: false, configurable: false });

  const agent: PageAgent = {
    sim,
    operations: () => sim.operations(),
    redact: (text) => sim.device.trace.redactor.text(text),
    toasts: () => sim.device.ui.toasts(),
    settle: async (maxMinutes) => {
      const clock = sim.device.clock;
      const until = clock.now() + maxMinutes * 60_000;
      for (let turn = 0; turn < 10_000; turn++) {
        for (const id of sim.device.ui.toasts()) sim.acceptToast(id);
        for (const id of Object.keys(sim.device.ui.view().confirmationPrompts)) sim.confirmationCode('0000', id);
        if (sim.operations().every((op) => !op.live)) return;
        const next = clock.pending()[0];
        if (next === undefined || next.at > until) return;
        await sim.advance(Math.max(0, next.at - clock.now()) / 60_000);
        // Let the page's own handlers (callbacks, timers it set) run between steps.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    },
  };
  Object.defineProperty(page, AGENT_GLOBAL, { value: agent, writable: false, enumerable: false, configurable: false });
}

/**
 * The inline-operations objects are frozen with their callback slots as accessors, so they
 * cannot be wrapped; their globals can be replaced (they are configurable) by frozen copies
 * whose slot setters note the stack, then set the original. Methods are the same functions.
 */
function recordSlotAssignments(page: Record<string, unknown>, sites: Map<string, string>): void {
  const slots = new Set(Object.values(CALLBACK_SLOTS));
  for (const name of INLINE_OPERATION_OBJECTS) {
    const original = page[name];
    if (typeof original !== 'object' || original === null) continue;
    const copy: Record<string, unknown> = {};
    for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(original))) {
      if (!slots.has(key) || descriptor.set === undefined) {
        Object.defineProperty(copy, key, descriptor);
        continue;
      }
      Object.defineProperty(copy, key, {
        get: () => (original as Record<string, unknown>)[key],
        set: (value: unknown) => {
          sites.set(key, stackHere());
          (original as Record<string, unknown>)[key] = value;
        },
        enumerable: descriptor.enumerable ?? true,
        configurable: false,
      });
    }
    Object.defineProperty(page, name, { value: Object.freeze(copy), writable: false, enumerable: false, configurable: true });
  }
}
