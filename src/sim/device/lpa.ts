import type { ProfileState } from '../../../machines/types';
import { parseActivationCode } from '../../domain/activationCode';
import type { LpaEffects, MaybePromise } from '../../host/effects';
import type { VirtualClock } from './clock';
import type { VirtualEuicc } from './euicc';
import { SimulatedEffectError } from './errors';
import { isSlow, type ImmediateDiscoverOutcome, type ImmediateDownloadOutcome, type ImmediateEuiccOutcome, type LpaKind, type LpaOutcomes } from './outcomes';
import { codeKey } from './redact';

/** How the simulated LPA starts: the default outcome of each kind, and SM-DP+ / SM-DS behaviour. */
export interface LpaOptions extends Partial<LpaOutcomes> {
  /** Wrong confirmation codes before `confirmationCodeMaxRetriesExceeded`. Default 3. */
  readonly maxConfirmationCodeRetries?: number;
  /** The SM-DP+ address of the profiles SM-DS discovery makes up. Default `smdp.example.com`. */
  readonly discoveryAddress?: string;
  /**
   * Release each profile once, as a real SM-DP+ does: another operation's download of an installed
   * code gets `profileNotAvailableForNewBinding`. Default false (every download of an installed
   * code answers its ICCID); `startSimulator` turns it on.
   */
  readonly bindProfilesOnce?: boolean;
  /** Told about what the LPA does on its own (idempotent answers, installs), for the trace. */
  readonly onEvent?: (operationId: string, summary: string) => void;
}

/** A confirmation code the SM-DP+ demands for one activation code. */
interface ConfirmationRule {
  readonly code: string;
  readonly maxRetries: number;
  wrong: number;
}

/** A slow download in flight, which a repeated request for the same code joins. */
interface InFlight {
  readonly promise: Promise<{ readonly iccid: string }>;
  readonly listeners: Array<(percent: number) => void>;
}

const DEFAULTS: LpaOutcomes = { download: 'success', discover: 'nothing', enable: 'success', profileState: 'success' };

/**
 * The simulated Local Profile Assistant over a {@link VirtualEuicc}, with scripted outcomes:
 * `setOutcome` queues the outcome of the next call of a kind, `setDefaultOutcome` sets what
 * calls get when the queue is empty. Immediate outcomes answer synchronously (a failure is a
 * synchronous throw of {@link SimulatedEffectError}); slow ones answer through a promise settled
 * on the virtual clock.
 *
 * Downloads are idempotent for the operation that installed a code: it gets its ICCID at once
 * (a host restart re-issues the download), and a code whose slow download is still running
 * joins it. With `bindProfilesOnce` (the simulator's default), another operation asking for an
 * installed code gets `profileNotAvailableForNewBinding`, as from a real SM-DP+ (decision D31).
 *
 * @example
 * const lpa = new SimulatedLpa(euicc, clock);
 * lpa.setOutcome('download', { slow: { durationMs: 8_000 } });
 * lpa.setOutcome('download', 'serverNotReachable');
 */
export class SimulatedLpa implements LpaEffects {
  readonly #euicc: VirtualEuicc;
  readonly #clock: VirtualClock;
  readonly #queues: { [K in LpaKind]: LpaOutcomes[K][] } = { download: [], discover: [], enable: [], profileState: [] };
  readonly #defaults: LpaOutcomes;
  readonly #maxRetries: number;
  readonly #discoveryAddress: string;
  readonly #onEvent: (operationId: string, summary: string) => void;
  readonly #confirmations = new Map<string, ConfirmationRule>();
  readonly #inFlight = new Map<string, InFlight>();
  /** Which operation installed each code: the SM-DP+ binds a profile once (SGP.22), only that operation may re-ask. */
  readonly #boundTo = new Map<string, string>();
  readonly #bindOnce: boolean;
  #discovered = 0;

  /**
   * @param euicc - the eUICC it installs on
   * @param clock - the virtual clock slow answers run on
   * @param options - default outcomes and SM-DP+ behaviour
   */
  constructor(euicc: VirtualEuicc, clock: VirtualClock, options: LpaOptions = {}) {
    this.#euicc = euicc;
    this.#clock = clock;
    const { maxConfirmationCodeRetries, discoveryAddress, onEvent, bindProfilesOnce, ...defaults } = options;
    this.#bindOnce = bindProfilesOnce === true;
    this.#defaults = { ...DEFAULTS, ...defaults };
    this.#maxRetries = maxConfirmationCodeRetries ?? 3;
    this.#discoveryAddress = discoveryAddress ?? 'smdp.example.com';
    this.#onEvent = onEvent ?? (() => {});
  }

  /** Queue the outcome of the next call of `kind` (calls take queued outcomes in order). */
  setOutcome<K extends LpaKind>(kind: K, outcome: LpaOutcomes[K]): void {
    this.#queues[kind].push(outcome);
  }

  /** The outcome calls of `kind` get when nothing is queued. */
  setDefaultOutcome<K extends LpaKind>(kind: K, outcome: LpaOutcomes[K]): void {
    this.#defaults[kind] = outcome;
  }

  /** How many queued outcomes of `kind` are still unused. */
  queued(kind: LpaKind): number {
    return this.#queues[kind].length;
  }

  /**
   * Make the SM-DP+ demand a confirmation code for an activation code (as if scripted with
   * `{ requireConfirmationCode }`).
   *
   * @param activationCode - the full code
   * @param code - the right confirmation code
   * @param maxRetries - wrong codes allowed before `confirmationCodeMaxRetriesExceeded`
   */
  requireConfirmationCode(activationCode: string, code: string, maxRetries = this.#maxRetries): void {
    this.#confirmations.set(codeKey(activationCode), { code, maxRetries, wrong: 0 });
  }

  /** Download and install a profile; see the class notes on idempotency. */
  download(request: Parameters<LpaEffects['download']>[0]): MaybePromise<{ readonly iccid: string }> {
    const { operationId, activationCode, confirmationCode, onProgress } = request;
    const installed = this.#euicc.installedFrom(activationCode);
    const boundTo = this.#boundTo.get(codeKey(activationCode));
    if (this.#bindOnce && installed !== null && boundTo !== undefined && boundTo !== operationId) {
      throw new SimulatedEffectError('profileNotAvailableForNewBinding', 'the SM-DP+ already released the profile of this activation code to another download');
    }
    if (installed !== null) {
      this.#onEvent(operationId, `profile ${installed} is already installed from this activation code; not installing it again`);
      return { iccid: installed };
    }
    const key = codeKey(activationCode);
    const running = this.#inFlight.get(key);
    if (running !== undefined) {
      this.#onEvent(operationId, 'joins the download of this activation code already running');
      running.listeners.push(onProgress);
      return running.promise;
    }
    const outcome = this.#next('download');
    if (!isSlow(outcome)) return this.#finishDownload(operationId, activationCode, confirmationCode, outcome);
    // Decide now, commit at the end: a failing download stops its progress short of 100%.
    const { durationMs, progressSteps = 4, then = 'success' } = outcome.slow;
    const listeners = [onProgress];
    const start = this.#clock.now();
    let settle!: { resolve: (value: { iccid: string }) => void; reject: (error: unknown) => void };
    const promise = new Promise<{ readonly iccid: string }>((resolve, reject) => (settle = { resolve, reject }));
    const failure = this.#downloadFailure(activationCode, confirmationCode, then);
    const steps = failure === null ? progressSteps : progressSteps - 1;
    for (let i = 1; i <= steps; i++) {
      const percent = Math.round((100 * i) / progressSteps);
      this.#clock.schedule(start + Math.round((durationMs * i) / progressSteps), () => listeners.forEach((listener) => listener(percent)), `download progress ${percent}% ${operationId}`);
    }
    this.#clock.schedule(start + durationMs, () => {
      this.#inFlight.delete(key);
      try {
        settle.resolve(this.#install(operationId, activationCode, failure));
      } catch (error) {
        settle.reject(error);
      }
    }, `download ${operationId}`);
    this.#inFlight.set(key, { promise, listeners });
    return promise;
  }

  /** Ask SM-DS for a pending profile. */
  discover(request: Parameters<LpaEffects['discover']>[0]): MaybePromise<{ readonly activationCode: string } | null> {
    const outcome = this.#next('discover');
    if (!isSlow(outcome)) return this.#discoverNow(outcome);
    return this.#later(outcome.slow.durationMs, `discover ${request.operationId}`, () => this.#discoverNow(outcome.slow.then ?? 'nothing'));
  }

  /** Enable an installed profile (every other one is disabled); `profileNotPresent` when absent. */
  enable(request: Parameters<LpaEffects['enable']>[0]): MaybePromise<void> {
    const now = (outcome: ImmediateEuiccOutcome): void => {
      if (outcome !== 'success') throw new SimulatedEffectError(outcome);
      if (!this.#euicc.enable(request.iccid)) throw new SimulatedEffectError('profileNotPresent', `no profile ${request.iccid} on the simulated eUICC`);
    };
    const outcome = this.#next('enable');
    if (!isSlow(outcome)) return now(outcome);
    return this.#later(outcome.slow.durationMs, `enable ${request.operationId}`, () => now(outcome.slow.then ?? 'success'));
  }

  /** The eUICC's answer about one ICCID. */
  profileState(request: Parameters<LpaEffects['profileState']>[0]): MaybePromise<ProfileState> {
    const now = (outcome: ImmediateEuiccOutcome): ProfileState => {
      if (outcome !== 'success') throw new SimulatedEffectError(outcome);
      return this.#euicc.profileState(request.iccid);
    };
    const outcome = this.#next('profileState');
    if (!isSlow(outcome)) return now(outcome);
    return this.#later(outcome.slow.durationMs, `profile state ${request.operationId}`, () => now(outcome.slow.then ?? 'success'));
  }

  #next<K extends LpaKind>(kind: K): LpaOutcomes[K] {
    return this.#queues[kind].shift() ?? this.#defaults[kind];
  }

  #finishDownload(operationId: string, activationCode: string, confirmationCode: string | null, outcome: ImmediateDownloadOutcome): { iccid: string } {
    return this.#install(operationId, activationCode, this.#downloadFailure(activationCode, confirmationCode, outcome));
  }

  /** What a download would fail with (null: it installs), counting a wrong confirmation code. */
  #downloadFailure(activationCode: string, confirmationCode: string | null, outcome: ImmediateDownloadOutcome): SimulatedEffectError | null {
    if (typeof outcome === 'object') {
      const key = codeKey(activationCode);
      if (!this.#confirmations.has(key)) this.requireConfirmationCode(activationCode, outcome.requireConfirmationCode, outcome.maxRetries);
    } else if (outcome !== 'success') {
      return new SimulatedEffectError(outcome);
    }
    return this.#confirmationFailure(activationCode, confirmationCode);
  }

  /** SGP.22 confirmation code check: the rule scripted for this code, else the code's own `$1` flag. */
  #confirmationFailure(activationCode: string, confirmationCode: string | null): SimulatedEffectError | null {
    const rule = this.#confirmations.get(codeKey(activationCode));
    if (rule === undefined) {
      const parsed = parseActivationCode(activationCode);
      const flagged = parsed.ok && parsed.value.confirmationCodeRequired;
      return flagged && confirmationCode === null ? new SimulatedEffectError('confirmationCodeMissing', 'this activation code requires a confirmation code') : null;
    }
    if (rule.wrong >= rule.maxRetries) return new SimulatedEffectError('confirmationCodeMaxRetriesExceeded', 'too many wrong confirmation codes for this profile');
    if (confirmationCode === null) return new SimulatedEffectError('confirmationCodeMissing', 'this profile requires a confirmation code');
    if (confirmationCode === rule.code) return null;
    rule.wrong += 1;
    return rule.wrong >= rule.maxRetries
      ? new SimulatedEffectError('confirmationCodeMaxRetriesExceeded', `wrong confirmation code ${rule.wrong} times`)
      : new SimulatedEffectError('incorrectConfirmationCode', `wrong confirmation code (${rule.maxRetries - rule.wrong} attempts left)`);
  }

  #install(operationId: string, activationCode: string, failure: SimulatedEffectError | null): { iccid: string } {
    if (failure !== null) throw failure;
    if (this.#euicc.installedFrom(activationCode) === null && !this.#euicc.hasSpace()) {
      throw new SimulatedEffectError('insufficientSpaceOnCard', 'the simulated eUICC is full');
    }
    const { iccid, created } = this.#euicc.install(activationCode);
    if (created) this.#boundTo.set(codeKey(activationCode), operationId);
    this.#onEvent(operationId, created ? `installed profile ${iccid}` : `profile ${iccid} was already installed`);
    return { iccid };
  }

  #discoverNow(outcome: ImmediateDiscoverOutcome): { activationCode: string } | null {
    if (outcome === 'nothing') return null;
    if (typeof outcome === 'string') throw new SimulatedEffectError(outcome);
    if (outcome.activationCode !== undefined) return { activationCode: outcome.activationCode };
    this.#discovered += 1;
    return { activationCode: `1$${this.#discoveryAddress}$SIM-DS-${String(this.#discovered).padStart(4, '0')}` };
  }

  /** A promise settled with `answer()` (or its throw) `durationMs` from now on the virtual clock. */
  #later<T>(durationMs: number, label: string, answer: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#clock.schedule(this.#clock.now() + durationMs, () => {
        try {
          resolve(answer());
        } catch (error) {
          reject(error);
        }
      }, label);
    });
  }
}
