import vm from 'node:vm';

/** A portal script to run: its source and where it came from (for messages). */
export interface PortalScript {
  readonly source: string;
  /** e.g. `good-portal.html <script> #2` or `portal.js`. */
  readonly name: string;
  /** The file it is in, as stack traces name it (`good-portal.html`). Default: `name`. */
  readonly file?: string;
  /** Where the script starts in that file: lines and columns before it (0-based), so stack lines are the file's. */
  readonly lineOffset?: number;
  readonly columnOffset?: number;
}

/** What went wrong running portal code, described without trusting the thrown value. */
export interface Thrown {
  readonly name: string;
  readonly message: string;
  /** The thrown error's stack, when it had one (to find the portal's line). */
  readonly stack?: string;
}

/** How long one piece of portal code may run (guards against endless loops). */
const RUN_TIMEOUT_MS = 1000;

/** At most this many `setTimeout` callbacks run after a call, so a polling portal cannot spin forever. */
const MAX_TIMER_RUNS = 100;

/**
 * A page-like `node:vm` context for portal scripts: `window`, `self`, `location` at the given
 * origin, a forgiving `document` stub (elements accept any text, lookups never return null),
 * `console` that keeps nothing, and timers that run after the call that set them (in delay
 * order, without waiting). Nothing is fetched; there is no real DOM.
 */
export class PortalPage {
  /** The context's global object: install the portal API here. */
  readonly global: Record<string, unknown>;
  readonly #context: vm.Context;
  #timers: Array<{ readonly delay: number; readonly seq: number; readonly run: () => void }> = [];
  #seq = 0;

  /** @param origin - the page address, e.g. `https://portal.example.com/` */
  constructor(origin: string) {
    const url = new URL(origin);
    this.global = {};
    this.#context = vm.createContext(this.global, { name: `portal ${url.href}`, codeGeneration: { strings: false, wasm: false } });
    const queue = (fn: unknown, delay: unknown): number => {
      const seq = ++this.#seq;
      if (typeof fn === 'function') this.#timers.push({ delay: typeof delay === 'number' ? delay : 0, seq, run: () => void (fn as () => unknown)() });
      return seq;
    };
    const cancel = (seq: unknown): void => void (this.#timers = this.#timers.filter((t) => t.seq !== seq));
    Object.assign(this.global, {
      setTimeout: queue,
      setInterval: queue,
      clearTimeout: cancel,
      clearInterval: cancel,
      location: { href: url.href, origin: url.origin, protocol: url.protocol, host: url.host, hostname: url.hostname, port: url.port, pathname: url.pathname, search: url.search, hash: url.hash },
    });
    vm.runInContext(PAGE_STUBS, this.#context);
  }

  /** Run a classic script at the page's top level; returns what it threw, if anything. */
  runScript(script: PortalScript): Thrown | null {
    return this.#guard(() => new vm.Script(script.source, { filename: script.file ?? script.name, lineOffset: script.lineOffset ?? 0, columnOffset: script.columnOffset ?? 0 }).runInContext(this.#context, { timeout: RUN_TIMEOUT_MS }));
  }

  /** Evaluate an expression in the page (e.g. `typeof finishPurchase`). */
  evaluate(expression: string): unknown {
    return vm.runInContext(expression, this.#context, { timeout: RUN_TIMEOUT_MS });
  }

  /**
   * Call a global function by name with no arguments, wait for it if it is async, then run the
   * timers it set.
   *
   * @returns what it threw or rejected with, or null
   */
  async call(name: string): Promise<Thrown | null> {
    let result: unknown;
    const thrown = this.#guard(() => (result = vm.runInContext(`${name}()`, this.#context, { timeout: RUN_TIMEOUT_MS })));
    if (thrown !== null) return thrown;
    if (isThenable(result)) {
      try {
        await Promise.race([result, new Promise((resolve) => setTimeout(resolve, RUN_TIMEOUT_MS))]);
      } catch (error) {
        return describeThrown(error);
      }
    }
    return this.runTimers();
  }

  /** Run the timers the page has set (their delays are not waited for); returns the first exception. */
  runTimers(): Thrown | null {
    let first: Thrown | null = null;
    for (let runs = 0; runs < MAX_TIMER_RUNS && this.#timers.length > 0; runs++) {
      this.#timers.sort((a, b) => a.delay - b.delay || a.seq - b.seq);
      const timer = this.#timers.shift()!;
      const thrown = this.#guard(timer.run);
      first ??= thrown;
    }
    return first;
  }

  #guard(run: () => unknown): Thrown | null {
    try {
      run();
      return null;
    } catch (error) {
      return describeThrown(error);
    }
  }
}

/** The page globals portal scripts commonly touch, defined inside the page's own realm. */
const PAGE_STUBS = `
  globalThis.window = globalThis;
  globalThis.self = globalThis;
  globalThis.top = globalThis;
  globalThis.parent = globalThis;
  (() => {
    const element = () => {
      const el = {
        textContent: '', innerHTML: '', innerText: '', value: '', hidden: false, disabled: false, checked: false,
        style: {}, dataset: {}, children: [],
        classList: { add() {}, remove() {}, toggle() {}, contains() { return false; } },
        addEventListener() {}, removeEventListener() {}, setAttribute() {}, getAttribute() { return null; }, removeAttribute() {},
        appendChild(child) { return child; }, append() {}, prepend() {}, remove() {}, focus() {}, click() {},
        querySelector() { return element(); }, querySelectorAll() { return []; }, closest() { return null; },
      };
      return el;
    };
    globalThis.document = {
      readyState: 'complete', title: '', body: element(), head: element(), documentElement: element(),
      getElementById: () => element(), querySelector: () => element(), querySelectorAll: () => [],
      getElementsByClassName: () => [], getElementsByTagName: () => [], createElement: () => element(),
      createTextNode: (text) => ({ textContent: String(text) }), addEventListener() {}, removeEventListener() {},
    };
    const quiet = () => {};
    globalThis.console = { log: quiet, info: quiet, warn: quiet, error: quiet, debug: quiet, trace: quiet };
    globalThis.alert = quiet;
    globalThis.confirm = () => true;
    globalThis.prompt = () => null;
    globalThis.addEventListener = quiet;
    globalThis.removeEventListener = quiet;
    globalThis.navigator = { userAgent: 'mobile-plans lint-portal', language: 'en-US' };
  })();
`;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** What a thrown object's own `toString` says (it may be the page's; describeThrown's catch guards it). */
function ownText(value: unknown): string {
  return String(value);
}

/** An exception from portal code (any realm), described without trusting it. */
export function describeThrown(error: unknown): Thrown {
  try {
    if (typeof error === 'object' && error !== null) {
      const name: unknown = Reflect.get(error, 'name');
      const message: unknown = Reflect.get(error, 'message');
      const stack: unknown = Reflect.get(error, 'stack');
      return { name: typeof name === 'string' ? name : 'Error', message: typeof message === 'string' ? message : ownText(error), ...(typeof stack === 'string' ? { stack } : {}) };
    }
    return { name: 'thrown value', message: String(error) };
  } catch {
    return { name: 'Error', message: 'an unreadable exception' };
  }
}
