import type { CallbackScript, DiagnosticNotice } from '../core/commands';
import type { Json } from '../core/inputs';
import { diagnostic, type Diagnostic } from '../domain/diagnostics';
import { ENUM_OBJECTS } from '../domain/enums';
import { createPurchaseMetaData } from '../domain/metadata';
import type { Host } from '../host/host';
import { ARGUMENT_LIMITS, copyArgument } from './copy';
import { CallbackDelivery } from './delivery';
import { CANCEL_ENTRY_POINT, type HandOffEntryPoint } from './entryPoints';
import { MobilePlansSecurityError, normalizeAllowedHosts, originProblem, type OriginPolicy } from './origin';
import { buildPageObjects } from './pageObjects';

/** What the portal API needs of the host: hand-offs and cancels. */
export type PortalHost = Pick<Host, 'call' | 'cancel'>;

/** How the portal API is set up by the host application. */
export interface PortalApiOptions {
  /** The page's address, or a function reading it at each call (e.g. `() => location.href`). */
  readonly origin: string | (() => string);
  /** The operator's allowed hosts: exact (`portal.example.com`) or `*.example.com` (subdomains only). */
  readonly allowedHosts: readonly string[];
  /** Accept `http://localhost` / `http://127.0.0.1` pages too. Development only. */
  readonly allowLocalhost?: boolean;
  /** Told about every problem the bridge finds (the host reports what it validates itself). */
  readonly onDiagnostic?: (notice: DiagnosticNotice) => void;
}

/**
 * `MobilePlansOperationContext`: what hand-offs return, and what `notifyOperationCancel` takes.
 * Frozen; `Id` (the spelling of the spec's table) is a non-enumerable alias of `id`.
 */
export interface OperationContext {
  readonly id: string;
}

/** The portal API of one page. */
export interface PortalApi {
  /**
   * Define every generation's objects (`DataMart`, `MobilePlans`, `MobilePlansInlineOperations`,
   * ..., and every enum object) on the page's global object. Installing again moves them.
   */
  install(globalObject: object): void;
  /** Deliver a callback script to the page: wire the host's `effects.callback` to this. */
  deliver(operationId: string, script: CallbackScript, args: string): void;
  /** Remove what `install` defined; calls through kept references then do nothing. */
  uninstall(): void;
}

/**
 * Create the bridge between an untrusted portal page and the host: every entry point of every
 * generation, each checking the page's origin (a refused page gets a
 * {@link MobilePlansSecurityError}, the only exception ever thrown into it), copying its
 * arguments into plain JSON data, and handing them to the host. Hand-offs return a frozen
 * `{ id }` operation context, or null when nothing was started; problems become diagnostics.
 *
 * @param host - the host runtime (`createHost`)
 * @param options - origin, allow-list and diagnostics sink
 * @example
 * const api = createPortalApi(host, { origin: () => location.href, allowedHosts: ['portal.example.com'] });
 * api.install(window); // and wire effects.callback to api.deliver
 */
export function createPortalApi(host: PortalHost, options: PortalApiOptions): PortalApi {
  const policy: OriginPolicy = { allowedHosts: normalizeAllowedHosts(options.allowedHosts), allowLocalhost: options.allowLocalhost === true };
  let page: object | null = null;
  let defined: Array<readonly [string, unknown]> = [];
  let slots: Record<CallbackScript, unknown> = { registrationChanged: undefined, profileActivationComplete: undefined };
  let callDepth = 0;

  const notify = (notice: DiagnosticNotice): void => {
    try {
      options.onDiagnostic?.(notice);
    } catch {
      // A failing diagnostics sink must not break the page or the host.
    }
  };
  const report = (entryPoint: string, d: Diagnostic): void => notify({ operationId: null, entryPoint, diagnostic: d });
  /** The page's origin (`https://host[:port]`) when it may call, or why it may not. */
  const currentOrigin = (): { origin: string } | { problem: string } => {
    let href: unknown;
    try {
      href = typeof options.origin === 'function' ? options.origin() : options.origin;
    } catch {
      return { problem: 'the page address could not be read' };
    }
    const problem = originProblem(href, policy);
    return problem === null ? { origin: new URL(href as string).origin } : { problem };
  };
  const currentOriginProblem = (): string | null => {
    const current = currentOrigin();
    return 'problem' in current ? current.problem : null;
  };
  const reentrance = new ReentranceBudget(MAX_HAND_OFFS_FROM_CALLBACKS);
  const delivery = new CallbackDelivery({
    page: () => page,
    slot: (script) => slots[script],
    originProblem: currentOriginProblem,
    inCall: () => callDepth > 0,
    notify,
  });

  /** Decision D7 (docs/decisions.md): refuse before reading a single argument. Returns the page's origin. */
  const guardOrigin = (entryPoint: string): string => {
    const current = currentOrigin();
    if ('origin' in current) return current.origin;
    report(entryPoint, diagnostic('callRefused', `${entryPoint} was refused: ${current.problem}`, 'origin'));
    throw new MobilePlansSecurityError(`${entryPoint} was refused and nothing was started: ${current.problem}`);
  };

  /** Run a portal call: origin first, then the body, with nothing escaping but the security error. */
  const portalCall = <T>(entryPoint: string, refused: T, body: (origin: string) => T): T => {
    const origin = guardOrigin(entryPoint);
    callDepth += 1;
    try {
      if (page === null) {
        report(entryPoint, diagnostic('callRefused', `${entryPoint} was ignored: the Mobile Plans portal API is no longer installed on this page`, 'arguments'));
        return refused;
      }
      return body(origin);
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'an unknown failure';
      report(entryPoint, diagnostic('callRefused', `${entryPoint} failed inside the host (${reason.slice(0, 200)}); nothing was started`, 'arguments'));
      return refused;
    } finally {
      callDepth -= 1;
    }
  };

  const extraArguments = (entryPoint: string, names: readonly string[], given: number): void => {
    if (given <= names.length) return;
    const message = `${entryPoint} takes ${names.length === 1 ? 'one argument' : `${names.length} arguments`} (${names.join(', ')}); the ${given - names.length} extra are ignored`;
    report(entryPoint, diagnostic('unknownField', message, 'arguments', 'warning'));
  };

  const handOff = (entry: HandOffEntryPoint, args: readonly unknown[]): OperationContext | null => {
    const entryPoint = `${entry.object}.${entry.method}`;
    return portalCall(entryPoint, null, (origin) => {
      if (delivery.delivering() && !reentrance.allow()) {
        const message = `${entryPoint} was refused and nothing started: it was called from inside a callback script more than ${MAX_HAND_OFFS_FROM_CALLBACKS} times without the page yielding (a callback that hands off again would loop forever); hand off from an event or a timer instead`;
        report(entryPoint, diagnostic('callRefused', message, 'arguments'));
        return null;
      }
      if (entry.documentedAs !== undefined) {
        const message = `${entryPoint} is not a documented spelling; it is accepted as ${entry.documentedAs}, call that instead`;
        report(entryPoint, diagnostic('undocumentedEntryPoint', message, 'entryPoint', 'warning'));
      }
      extraArguments(entryPoint, entry.params.map((p) => p.name), args.length);
      const copied: Array<Json | undefined> = [];
      for (const [i, p] of entry.params.entries()) {
        const copy = copyArgument(args[i], p.name, p.limits);
        if (!copy.ok) {
          report(entryPoint, diagnostic('callRefused', `${entryPoint} was refused and nothing started: ${copy.path} ${copy.problem}`, copy.path));
          return null;
        }
        copied.push(copy.value);
      }
      const reply = host.call(entry.toCall(entryPoint, copied), origin);
      if (reply.type === 'operation') return operationContext(reply.operationId);
      if (reply.type === 'ignored') report(entryPoint, diagnostic('callRefused', `${entryPoint} was ignored: ${reply.reason}`, 'arguments'));
      return null; // 'refused': the core has already reported why
    });
  };

  const cancel = (args: readonly unknown[]): boolean => {
    const entryPoint = `${CANCEL_ENTRY_POINT.object}.${CANCEL_ENTRY_POINT.method}`;
    return portalCall(entryPoint, false, (origin) => {
      extraArguments(entryPoint, ['operationContext'], args.length);
      const copy = copyArgument(args[0], 'operationContext', ARGUMENT_LIMITS);
      if (!copy.ok) {
        report(entryPoint, diagnostic('callRefused', `${entryPoint} was refused and nothing was cancelled: ${copy.path} ${copy.problem}`, copy.path));
        return false;
      }
      const id = operationIdOf(copy.value);
      if (id === null) {
        const message = `${entryPoint} needs the operation context a hand-off returned ({ id }); nothing was cancelled`;
        report(entryPoint, diagnostic('wrongType', message, 'operationContext'));
        return false;
      }
      // The host refuses (with a diagnostic) a cancel from another origin than the one that started the operation.
      return host.cancel(id, origin) === true;
    });
  };

  const api: PortalApi = {
    install(globalObject) {
      if (page !== null) api.uninstall();
      slots = { registrationChanged: undefined, profileActivationComplete: undefined };
      const objects = buildPageObjects({
        handOff,
        cancel,
        createPurchaseMetaData,
        getSlot: (script) => slots[script],
        setSlot: (script, value) => void (slots[script] = value),
      });
      const entries: Array<readonly [string, unknown]> = [...Object.entries(objects), ...Object.entries(ENUM_OBJECTS)];
      try {
        for (const [name, value] of entries) {
          Object.defineProperty(globalObject, name, { value, writable: false, enumerable: false, configurable: true });
          defined.push([name, value]);
        }
      } catch (error) {
        removeDefined(globalObject, defined);
        defined = [];
        throw new TypeError(`the portal API could not be installed: ${error instanceof Error ? error.message : 'a global could not be defined'}`, { cause: error });
      }
      page = globalObject;
    },
    deliver(operationId, script, args) {
      try {
        delivery.deliver(operationId, script, args);
      } catch {
        // Never an exception into the host.
      }
    },
    uninstall() {
      if (page !== null) removeDefined(page, defined);
      page = null;
      defined = [];
      delivery.clear();
    },
  };
  return api;
}

/**
 * The most hand-offs callback scripts may make in one turn of the event loop. A callback
 * that hands off again gets its next callback synchronously or in a microtask, so without a
 * bound it runs forever inside one call (issue 14: 100,000 times, 4.4 GB). A page that waits
 * for a timer or an event between hand-offs is never refused.
 */
export const MAX_HAND_OFFS_FROM_CALLBACKS = 16;

/** Counts hand-offs made from inside callbacks; the count starts again once the page yields to a task. */
class ReentranceBudget {
  #used = 0;
  constructor(readonly max: number) {}

  /** Take one hand-off from the budget; false once it is spent. */
  allow(): boolean {
    if (this.#used === 0) {
      // A macrotask, not a microtask: a callback loop runs through microtasks and never reaches it.
      const timer: unknown = setTimeout(() => void (this.#used = 0), 0);
      (timer as { unref?: () => void }).unref?.();
    }
    this.#used += 1;
    return this.#used <= this.max;
  }
}

/** A fresh frozen context; `Id` is a non-enumerable alias for portals that follow the spec's table. */
function operationContext(id: string): OperationContext {
  const context = { id };
  Object.defineProperty(context, 'Id', { value: id, enumerable: false });
  return Object.freeze(context);
}

/** The id in a copied operation context: its own `id`, else `Id`, a short non-empty string. */
function operationIdOf(value: Json | undefined): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as { readonly [key: string]: Json };
  const id = Object.hasOwn(record, 'id') ? record['id'] : Object.hasOwn(record, 'Id') ? record['Id'] : undefined;
  return typeof id === 'string' && id.length > 0 && id.length <= 128 ? id : null;
}

function removeDefined(globalObject: object, defined: ReadonlyArray<readonly [string, unknown]>): void {
  for (const [name, value] of defined) {
    try {
      if (Object.getOwnPropertyDescriptor(globalObject, name)?.value === value) Reflect.deleteProperty(globalObject, name);
    } catch {
      // A page that locked a global keeps it; nothing else to undo.
    }
  }
}
