import type { LpaEffects } from '../src/host/effects';
import type { ImmediateDiscoverOutcome, ImmediateDownloadOutcome, ImmediateEuiccOutcome, SimulatedLpa } from '../src/sim/device/index';

/*
 * The simulated LPA, held: every call waits until the test answers it, so that a test can look
 * at the world while an LPA operation is in flight, and choose the answer the model's path
 * takes. The answer itself is the simulated LPA's (it installs on the virtual eUICC, checks
 * confirmation codes, enables profiles), scripted with that outcome for the one call.
 */

export type LpaCallKind = 'download' | 'discover' | 'enable' | 'profileState';

/** The outcome a held call is answered with, per kind (the simulated LPA's immediate outcomes). */
export interface HeldOutcomes {
  download: ImmediateDownloadOutcome;
  discover: ImmediateDiscoverOutcome;
  enable: ImmediateEuiccOutcome;
  profileState: ImmediateEuiccOutcome;
}

/** A call the LPA has not answered yet. */
export interface HeldCall {
  readonly kind: LpaCallKind;
  readonly operationId: string;
}

interface Pending extends HeldCall {
  readonly run: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly onProgress?: (percent: number) => void;
}

/** What each kind answers when nothing is scripted (the simulated LPA's defaults). */
const DEFAULTS: HeldOutcomes = { download: 'success', discover: 'nothing', enable: 'success', profileState: 'success' };

/**
 * LPA effects that hold every call until {@link HeldLpa.answer}. It also watches the core's
 * promise of one LPA operation at a time: `overlaps` lists every call made while another was held.
 */
export class HeldLpa implements LpaEffects {
  readonly #inner: LpaEffects;
  readonly #sim: SimulatedLpa;
  #pending: Pending[] = [];
  /** Calls that arrived while another call was still held (must stay empty). */
  readonly overlaps: string[] = [];

  /**
   * @param inner - the simulated device's LPA effects (traced)
   * @param sim - the simulated LPA behind them, for scripting the one answer
   */
  constructor(inner: LpaEffects, sim: SimulatedLpa) {
    this.#inner = inner;
    this.#sim = sim;
  }

  download(request: Parameters<LpaEffects['download']>[0]): Promise<{ readonly iccid: string }> {
    return this.#hold('download', request.operationId, () => this.#inner.download(request), request.onProgress);
  }

  discover(request: Parameters<LpaEffects['discover']>[0]): Promise<{ readonly activationCode: string } | null> {
    return this.#hold('discover', request.operationId, () => this.#inner.discover(request));
  }

  enable(request: Parameters<LpaEffects['enable']>[0]): Promise<void> {
    return this.#hold('enable', request.operationId, () => this.#inner.enable(request));
  }

  profileState(request: Parameters<LpaEffects['profileState']>[0]): Promise<'enabled' | 'disabled' | 'absent'> {
    return this.#hold('profileState', request.operationId, () => this.#inner.profileState(request));
  }

  /** The calls waiting for an answer, oldest first. */
  held(): HeldCall[] {
    return this.#pending.map(({ kind, operationId }) => ({ kind, operationId }));
  }

  /** Report download progress on the held download of an operation. */
  progress(operationId: string, percent: number): void {
    const call = this.#take(operationId, 'download', false);
    if (call.onProgress === undefined) throw new Error('held LPA: the download has no progress listener');
    call.onProgress(percent);
  }

  /**
   * Answer the held call of an operation: the simulated LPA runs it now with `outcome`.
   * @throws when that operation has no held call of that kind
   */
  answer<K extends LpaCallKind>(operationId: string, kind: K, outcome: HeldOutcomes[K]): void {
    const call = this.#take(operationId, kind, true);
    this.#sim.setDefaultOutcome(kind, outcome);
    try {
      call.resolve(call.run());
    } catch (error) {
      call.reject(error);
    } finally {
      this.#sim.setDefaultOutcome(kind, DEFAULTS[kind]);
    }
  }

  /** The kind of the call an operation has held, or null. */
  heldKind(operationId: string): LpaCallKind | null {
    return this.#pending.find((c) => c.operationId === operationId)?.kind ?? null;
  }

  /** Forget every held call: their host is gone (a restart); they are never answered. */
  drop(): void {
    this.#pending = [];
  }

  #hold<T>(kind: LpaCallKind, operationId: string, run: () => unknown, onProgress?: (percent: number) => void): Promise<T> {
    if (this.#pending.length > 0) this.overlaps.push(`${kind} for ${operationId} while ${this.#pending.map((c) => `${c.kind} for ${c.operationId}`).join(', ')} is held`);
    return new Promise<T>((resolve, reject) => {
      const call: Pending = { kind, operationId, run, resolve: resolve as (value: unknown) => void, reject, ...(onProgress === undefined ? {} : { onProgress }) };
      this.#pending.push(call);
    });
  }

  #take(operationId: string, kind: LpaCallKind, remove: boolean): Pending {
    const index = this.#pending.findIndex((c) => c.operationId === operationId && c.kind === kind);
    const call = this.#pending[index];
    if (call === undefined) throw new Error(`held LPA: no ${kind} held for ${operationId} (held: ${JSON.stringify(this.held())})`);
    if (remove) this.#pending.splice(index, 1);
    return call;
  }
}
