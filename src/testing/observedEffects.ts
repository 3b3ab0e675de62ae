import type { CallbackScript, DiagnosticNotice, Report } from '../core/commands';
import type { Effects } from '../host/effects';
import type { CoreState } from '../core/state';
import type { DocumentChanges } from '../core/storedRecords';
import type { TestClock } from './environment';
import { KitLpa } from './kitLpa';
import { PHYSICAL_ICCID } from './scenarios';

/*
 * The effects under test, wrapped so that the kit sees everything that crosses the boundary:
 * what the host asked of them and what they did (a timer firing, a callback delivered). The
 * wrappers pass every call through unchanged.
 */

/** A callback as the effects delivered it. */
export interface DeliveredCallback {
  readonly operationId: string;
  readonly script: CallbackScript;
  readonly args: string;
}

/** A timer the host set: `generation` tells a replaced or cleared one from the current one. */
interface ArmedTimer {
  readonly at: number;
  readonly generation: number;
}

/** A timer the host cleared or replaced, and where the path was then. */
interface EndedTimer {
  readonly how: 'cleared' | 'replaced';
  readonly where: string;
}

/** The user's effects with the kit watching. */
export class ObservedEffects {
  readonly effects: Effects;
  readonly lpa: KitLpa;
  readonly clock: TestClock;
  readonly callbacks: DeliveredCallback[] = [];
  readonly reports: Report[] = [];
  readonly diagnostics: DiagnosticNotice[] = [];
  /** Every UI call, as `name operationId args…` (for the secrets check). */
  readonly uiCalls: string[] = [];
  /** Toasts up now (shown and not hidden). */
  readonly toasts = new Set<string>();
  /** The confirmation prompt each operation showed last (its attempt). */
  readonly prompts = new Map<string, number>();
  /** When each operation's toast was first shown, epoch ms. */
  readonly toastShownAt = new Map<string, number>();
  /** Broken promises of the scheduler: a timer that fired early, or after it was cleared or replaced. */
  readonly timerProblems: string[] = [];
  /** Effects whose promise did not settle within the answer limit. */
  readonly lateAnswers: string[] = [];
  /** Every time the host set a timer, epoch ms (a stale one can only fire at one of these). */
  readonly timerTimes: number[] = [];
  /** Where the path is, for messages about what happened there (set by the case). */
  where = 'before the first step';
  readonly #armed = new Map<string, ArmedTimer>();
  readonly #ended = new Map<number, EndedTimer>();
  #generation = 0;
  readonly #pending = new Set<Promise<unknown>>();

  readonly #answerLimitMs: number;

  /**
   * @param inner - the effects under test, completed
   * @param clock - the virtual clock they run on
   * @param answerLimitMs - how long (real time) an effect's promise may take before the case fails
   */
  constructor(inner: Effects, clock: TestClock, answerLimitMs: number) {
    this.clock = clock;
    this.#answerLimitMs = answerLimitMs;
    const track = <T>(promise: Promise<T>, what: string): Promise<T> => this.track(promise, what);
    this.lpa = new KitLpa(inner.lpa, track);
    const passed = <T>(value: T | Promise<T>, what: string): T | Promise<T> => (value instanceof Promise ? track(value, what) : value);
    this.effects = {
      now: () => inner.now(),
      lpa: this.lpa,
      // The kit plays the physical SIM slot, as it plays the network: its ICCID is the scenarios' (D37).
      modem: { register: (request) => passed(inner.modem.register(request), 'modem.register'), physicalIccid: () => PHYSICAL_ICCID },
      scheduler: {
        set: (timerId, at, fire) => {
          const armed = { at, generation: ++this.#generation };
          const previous = this.#armed.get(timerId);
          if (previous !== undefined) this.#ended.set(previous.generation, { how: 'replaced', where: this.where });
          this.#armed.set(timerId, armed);
          this.timerTimes.push(at);
          inner.scheduler.set(timerId, at, () => {
            this.#fired(timerId, armed);
            fire();
          });
        },
        clear: (timerId) => {
          const previous = this.#armed.get(timerId);
          if (previous !== undefined) this.#ended.set(previous.generation, { how: 'cleared', where: this.where });
          this.#armed.delete(timerId);
          inner.scheduler.clear(timerId);
        },
      },
      ui: {
        progress: (id, stage, percent) => this.#ui(`progress ${id} ${stage} ${percent}`, () => inner.ui.progress(id, stage, percent)),
        scheduled: (id, at) => this.#ui(`scheduled ${id} ${at}`, () => inner.ui.scheduled(id, at)),
        toast: (id) =>
          this.#ui(`toast ${id}`, () => {
            this.toasts.add(id);
            if (!this.toastShownAt.has(id)) this.toastShownAt.set(id, clock.now());
            inner.ui.toast(id);
          }),
        hideToast: (id) =>
          this.#ui(`hideToast ${id}`, () => {
            this.toasts.delete(id);
            inner.ui.hideToast(id);
          }),
        confirmationCode: (id, attempt) =>
          this.#ui(`confirmationCode ${id} ${attempt}`, () => {
            this.prompts.set(id, attempt);
            inner.ui.confirmationCode(id, attempt);
          }),
        returnToApp: (id) => this.#ui(`returnToApp ${id}`, () => inner.ui.returnToApp(id)),
      },
      storage: {
        load: () => passed(inner.storage.load(), 'storage.load'),
        ...(inner.storage.save === undefined ? {} : { save: (document: CoreState) => passed(inner.storage.save!(document), 'storage.save') }),
        ...(inner.storage.write === undefined ? {} : { write: (changes: DocumentChanges) => passed(inner.storage.write!(changes), 'storage.write') }),
      },
      callback: (operationId, script, args) => {
        this.callbacks.push({ operationId, script, args });
        inner.callback(operationId, script, args);
      },
      report: (report) => {
        this.reports.push(report);
        inner.report(report);
      },
      diagnostic: (notice) => {
        this.diagnostics.push(notice);
        inner.diagnostic(notice);
      },
    };
  }

  /** The time the host's current timer for `timerId` is set to, if one is set. */
  armedAt(timerId: string): number | undefined {
    return this.#armed.get(timerId)?.at;
  }

  /**
   * Wait for this promise too when settling; it rejects when the effect does not answer in time
   * (so that a case fails, naming the effect, instead of hanging).
   * @param what - the effect, e.g. `storage.save`
   */
  track<T>(promise: Promise<T>, what: string): Promise<T> {
    const limited = this.withinLimit(promise, what);
    this.#pending.add(limited);
    void limited.then(
      () => this.#pending.delete(limited),
      () => this.#pending.delete(limited),
    );
    return limited;
  }

  /** The promise, or a rejection naming `what` once the answer limit has passed. */
  withinLimit<T>(promise: Promise<T>, what: string): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const message = `${what} did not answer within ${this.#answerLimitMs} ms`;
        this.lateAnswers.push(message);
        reject(new Error(message));
      }, this.#answerLimitMs);
    });
    return Promise.race([promise, late]).finally(() => clearTimeout(timer));
  }

  /**
   * Let the effects' answers reach the host and its commands run: wait for every promise an
   * effect returned, then for the event loop, until nothing moves. (Not `host.idle()`: a held
   * LPA call keeps the host busy until the path answers it.)
   */
  async settle(activity: () => number): Promise<void> {
    for (let quiet = 0, seen = -1; quiet < 2; ) {
      if (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
      await new Promise<void>((resolve) => setImmediate(resolve));
      const now = activity() + this.callbacks.length + this.lpa.calls.length;
      quiet = now === seen && this.#pending.size === 0 ? quiet + 1 : 0;
      seen = now;
    }
  }

  #fired(timerId: string, timer: ArmedTimer): void {
    const now = this.clock.now();
    const current = this.#armed.get(timerId);
    if (current?.generation !== timer.generation) {
      const ended = this.#ended.get(timer.generation);
      this.timerProblems.push(`the scheduler fired timer ${timerId} (set for ${new Date(timer.at).toISOString()}) although the host ${ended === undefined ? 'dropped it' : `${ended.how} it at ${ended.where}`}`);
    } else if (now < timer.at) {
      this.timerProblems.push(`the scheduler fired timer ${timerId} ${timer.at - now} ms before its time`);
    }
  }

  #ui(call: string, run: () => void): void {
    this.uiCalls.push(call);
    run();
  }
}
