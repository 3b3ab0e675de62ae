import type { CallbackScript, DiagnosticNotice } from '../core/commands';
import { diagnostic, quote, type DiagnosticSeverity } from '../domain/diagnostics';
import { CALLBACK_SLOTS, resolveCallback } from './callbacks';

/** What the callback delivery needs from the portal API around it. */
export interface DeliveryContext {
  /** The page's global object, or null once uninstalled. */
  page(): object | null;
  /** What the portal set in a callback slot (the shared store). */
  slot(script: CallbackScript): unknown;
  /** Why the page may not hear callbacks now (not an allowed https page), or null. */
  originProblem(): string | null;
  /** Whether a portal call is running now (its callbacks wait until it has returned). */
  inCall(): boolean;
  notify(notice: DiagnosticNotice): void;
}

interface Pending {
  readonly operationId: string;
  readonly script: CallbackScript;
  readonly args: string;
}

const MAX_REMEMBERED = 10_000;

/**
 * Delivers callback scripts to the page, in order, never throwing into the host.
 * A callback the host emits while a portal call is running (an invalid activation code is
 * answered at once) waits for a microtask, so the page has its operation context before it
 * hears about the operation; all others are delivered at once. Each problem (unresolvable
 * script, a script that throws, a page no longer allowed) is one `invalidCallback` diagnostic
 * per operation and script.
 */
export class CallbackDelivery {
  readonly #context: DeliveryContext;
  #queue: Pending[] = [];
  #flushing = false;
  #flushScheduled = false;
  #delivering = 0;
  readonly #reported = new Set<string>();

  /** @param context - the page, the slots and the diagnostics sink */
  constructor(context: DeliveryContext) {
    this.#context = context;
  }

  /** Deliver `args` to the page's `script` for `operationId` (now, or after the running call). */
  deliver(operationId: string, script: CallbackScript, args: string): void {
    if (this.#context.page() === null) return;
    this.#queue.push({ operationId, script, args });
    if (this.#flushing) return;
    if (this.#context.inCall()) return this.#scheduleFlush();
    this.#flush();
  }

  /** Whether a portal callback function is running now (a hand-off now is made from inside it). */
  delivering(): boolean {
    return this.#delivering > 0;
  }

  /** Forget everything pending (the API was uninstalled). */
  clear(): void {
    this.#queue = [];
    this.#reported.clear();
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    queueMicrotask(() => {
      this.#flushScheduled = false;
      if (!this.#flushing) this.#flush();
    });
  }

  #flush(): void {
    this.#flushing = true;
    try {
      for (let next = this.#queue.shift(); next !== undefined; next = this.#queue.shift()) this.#deliverNow(next);
    } finally {
      this.#flushing = false;
    }
  }

  #deliverNow({ operationId, script, args }: Pending): void {
    const page = this.#context.page();
    if (page === null) return;
    const slotName = CALLBACK_SLOTS[script];
    const refused = safeOriginProblem(this.#context);
    if (refused !== null) return this.#once(operationId, script, 'origin', 'error', `${script} for ${operationId} was not delivered: ${refused}`);
    const slot = this.#context.slot(script);
    const resolved = resolveCallback(page, slot, slotName);
    if ('problem' in resolved) {
      // Not setting a script is allowed (the portal may not listen); a wrong one is a bug.
      const severity = slot === undefined || slot === null || slot === '' ? 'warning' : 'error';
      return this.#once(operationId, script, 'resolve', severity, `${resolved.problem} (${operationId} could not tell the page ${script})`);
    }
    this.#delivering += 1;
    try {
      Reflect.apply(resolved.fn, resolved.thisArg, [args]); // no `.call` lookup on a portal object
    } catch (error) {
      this.#once(operationId, script, 'threw', 'error', `${slotName} threw ${describeThrown(error)} while handling ${script} for ${operationId}; the host carries on`);
    } finally {
      this.#delivering -= 1;
    }
  }

  #once(operationId: string, script: CallbackScript, kind: string, severity: DiagnosticSeverity, message: string): void {
    const key = `${operationId}\u0000${script}\u0000${kind}`;
    if (this.#reported.has(key)) return;
    if (this.#reported.size >= MAX_REMEMBERED) this.#reported.clear();
    this.#reported.add(key);
    this.#context.notify({ operationId, entryPoint: null, diagnostic: diagnostic('invalidCallback', message, CALLBACK_SLOTS[script], severity) });
  }
}

function safeOriginProblem(context: DeliveryContext): string | null {
  try {
    return context.originProblem();
  } catch {
    return 'the page address could not be read';
  }
}

/** An exception from portal code, described without trusting it. */
function describeThrown(error: unknown): string {
  try {
    if (typeof error === 'object' && error !== null) {
      const name: unknown = Reflect.get(error, 'name');
      const message: unknown = Reflect.get(error, 'message');
      return `${typeof name === 'string' ? quote(name, 40) : 'an exception'}${typeof message === 'string' ? ` ${quote(message, 120)}` : ''}`;
    }
    return typeof error === 'string' ? quote(error, 120) : `a ${typeof error}`;
  } catch {
    return 'an unreadable exception';
  }
}
