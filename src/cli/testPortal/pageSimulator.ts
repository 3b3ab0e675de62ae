/**
 * The simulator controller a journey gets. The simulator runs inside the page, so each method
 * crosses the page boundary with `page.evaluate` and returns a promise; calls reach the page in
 * the order they are made, even when a journey does not await them (`sim.acceptToast()`), and
 * the run waits for them all, reporting one that failed unseen.
 */
import type { OperationView } from '../../host/host';
import type { LpaKind, LpaOutcomes } from '../../sim/device/outcomes';
import type { RegistrationScript } from '../../sim/device/modem';
import type { TraceEntry } from '../../sim/device/trace';
import type { Report } from '../../core/commands';
import { AGENT_GLOBAL } from './events';

/** What a journey can do to the simulated device and user, and read from them. */
export interface PageSimulator {
  /** Let `minutes` of virtual time pass (fractions allowed). */
  advance(minutes: number): Promise<void>;
  /** The user accepts the newest "ready to download" toast, or the one of `operationId`. */
  acceptToast(operationId?: string): Promise<void>;
  /** The user dismisses a toast. */
  dismissToast(operationId?: string): Promise<void>;
  /** The user enters a confirmation code. */
  confirmationCode(code: string, operationId?: string): Promise<void>;
  /** The user starts a waiting download from the app. */
  startDownload(operationId: string): Promise<void>;
  /** Script the outcome of the next LPA call of a kind. */
  setOutcome<K extends LpaKind>(kind: K, outcome: LpaOutcomes[K]): Promise<void>;
  /** Script the next network registration. */
  setRegistration(script: RegistrationScript): Promise<void>;
  /** Accept toasts, answer prompts and run the clock until every operation ended (at most `maxMinutes`, default 31 days). */
  settle(maxMinutes?: number): Promise<void>;
  /** A host restart from the stored document. */
  restart(): Promise<void>;
  /** Every operation now. */
  operations(): Promise<OperationView[]>;
  /** Every report so far. */
  reports(): Promise<Report[]>;
  /** The redacted timeline. */
  trace(): Promise<TraceEntry[]>;
  /** The operations whose toast is shown now. */
  toasts(): Promise<string[]>;
}

/** Where the controller runs its calls: a Playwright page's `evaluate`. */
export interface EvaluatingPage {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

/** The journey's controller and what the run needs from it afterwards. */
export interface TrackedSimulator {
  readonly sim: PageSimulator;
  /** Wait for every call made; the messages of those that failed without the journey looking. */
  unobservedFailures(): Promise<string[]>;
}

export const THIRTY_ONE_DAYS = 31 * 24 * 60;

/**
 * The controller for `page`.
 *
 * @param page - the portal's page (its agent must be installed)
 */
export function pageSimulator(page: EvaluatingPage): TrackedSimulator {
  const calls: Array<{ promise: Promise<unknown>; observed: boolean; label: string }> = [];
  const track = <T>(label: string, promise: Promise<T>): Promise<T> => {
    const entry = { promise, observed: false, label };
    calls.push(entry);
    promise.catch(() => {});
    const observe = (): Promise<T> => {
      entry.observed = true;
      return promise;
    };
    // A promise whose rejection counts as seen once anyone awaits it or attaches a handler.
    return {
      then: (ok, fail) => observe().then(ok, fail),
      catch: (fail) => observe().catch(fail),
      finally: (done) => observe().finally(done),
      [Symbol.toStringTag]: 'Promise',
    };
  };
  const simCall = <T>(method: string, args: readonly unknown[]): Promise<T> =>
    track(
      `sim.${method}(${args.map((a) => JSON.stringify(a)).join(', ')})`,
      page.evaluate(
        ([global, name, values]) => {
          const agent = (window as unknown as Record<string, { sim: Record<string, (...a: unknown[]) => unknown> }>)[global];
          if (agent === undefined) throw new Error('the Mobile Plans simulator is not on this page (did it navigate away from an http(s) page?)');
          return agent.sim[name]!(...values) as T;
        },
        [AGENT_GLOBAL, method, args] as const,
      ),
    );
  /** A method of the agent itself rather than of the simulator (settle, toasts). */
  const agentCall = <T>(method: 'settle' | 'toasts', args: readonly unknown[]): Promise<T> =>
    track(
      `sim.${method}(${args.map((a) => JSON.stringify(a)).join(', ')})`,
      page.evaluate(
        ([global, name, values]) => {
          const agent = (window as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>)[global];
          if (agent === undefined) throw new Error('the Mobile Plans simulator is not on this page');
          return agent[name]!(...values) as T;
        },
        [AGENT_GLOBAL, method, args] as const,
      ),
    );

  const sim: PageSimulator = {
    advance: (minutes) => simCall('advance', [minutes]),
    acceptToast: (operationId) => simCall('acceptToast', operationId === undefined ? [] : [operationId]),
    dismissToast: (operationId) => simCall('dismissToast', operationId === undefined ? [] : [operationId]),
    confirmationCode: (code, operationId) => simCall('confirmationCode', operationId === undefined ? [code] : [code, operationId]),
    startDownload: (operationId) => simCall('startDownload', [operationId]),
    setOutcome: (kind, outcome) => simCall('setOutcome', [kind, outcome]),
    setRegistration: (script) => simCall('setRegistration', [script]),
    restart: () => simCall('restart', []),
    operations: () => simCall('operations', []),
    reports: () => simCall('reports', []),
    trace: () => simCall('trace', []),
    settle: (maxMinutes = THIRTY_ONE_DAYS) => agentCall('settle', [maxMinutes]),
    toasts: () => agentCall('toasts', []),
  };
  return {
    sim,
    async unobservedFailures() {
      const failures: string[] = [];
      for (const call of calls) {
        try {
          await call.promise;
        } catch (error) {
          if (!call.observed) failures.push(`${call.label} failed and the journey did not wait for it: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return failures;
    },
  };
}
