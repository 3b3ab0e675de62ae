import type { ProfileState } from '../../machines/types';
import type { ActivationError } from '../domain/enums';
import type { LpaEffects } from '../host/effects';

/*
 * The LPA as the kit drives it: every call the host makes is held until the path says how it
 * ends. A success is the user's own LPA doing the work (the call is forwarded then); a failure,
 * an SM-DS answer and a profile's state are the path's script (the kit answers them itself, as
 * the network or the eUICC would). It watches what the contract promises: one call at a time,
 * and one installed profile per activation code, also across restarts.
 */

export type LpaCallKind = 'download' | 'discover' | 'enable' | 'profileState';

type DownloadRequest = Parameters<LpaEffects['download']>[0];

/** A call the host made, as the kit recorded it. */
export interface LpaCall {
  readonly kind: LpaCallKind;
  readonly operationId: string;
}

interface Held extends LpaCall {
  readonly forward: () => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly activationCode?: string;
  readonly onProgress?: (percent: number) => void;
}

/** How the path ends a held call. */
export type LpaAnswer =
  | { readonly kind: 'success' }
  | { readonly kind: 'failure'; readonly error: ActivationError }
  | { readonly kind: 'discovered'; readonly activationCode: string | null }
  | { readonly kind: 'profileState'; readonly state: ProfileState };

/** The held LPA over the user's (or the kit's default) LPA. */
export class KitLpa implements LpaEffects {
  readonly #inner: LpaEffects;
  readonly #track: <T>(p: Promise<T>, what: string) => Promise<T>;
  #held: Held[] = [];
  /** Every call in the order the host made it. */
  readonly calls: LpaCall[] = [];
  /** Calls made while another was held (the core promises none). */
  readonly overlaps: string[] = [];
  /** The ICCID each activation code was installed as, by the user's LPA. */
  readonly installs = new Map<string, string>();
  /** Broken promises of the LPA itself: a second install, a failed success. */
  readonly problems: string[] = [];

  /**
   * @param inner - the LPA under test
   * @param track - registers a promise the kit waits for when it settles the world
   */
  constructor(inner: LpaEffects, track: <T>(p: Promise<T>, what: string) => Promise<T>) {
    this.#inner = inner;
    this.#track = track;
  }

  download(request: DownloadRequest): Promise<{ readonly iccid: string }> {
    return this.#hold('download', request.operationId, () => this.#download(request), { activationCode: request.activationCode, onProgress: request.onProgress });
  }

  discover(request: Parameters<LpaEffects['discover']>[0]): Promise<{ readonly activationCode: string } | null> {
    return this.#hold('discover', request.operationId, async () => await this.#inner.discover(request));
  }

  enable(request: Parameters<LpaEffects['enable']>[0]): Promise<void> {
    return this.#hold('enable', request.operationId, async () => await this.#inner.enable(request));
  }

  profileState(request: Parameters<LpaEffects['profileState']>[0]): Promise<ProfileState> {
    return this.#hold('profileState', request.operationId, async () => await this.#inner.profileState(request));
  }

  /** The kind of the call an operation has held, or null. */
  heldKind(operationId: string): LpaCallKind | null {
    return this.#held.find((c) => c.operationId === operationId)?.kind ?? null;
  }

  /** Report download progress on the held download. */
  progress(operationId: string, percent: number): void {
    const call = this.#find(operationId, 'download');
    call.onProgress?.(percent);
  }

  /**
   * End the held call of `kind`: a success runs the user's LPA now and hands its answer to the
   * host; the other answers come from the path.
   * @throws when the host has no such call held
   */
  async answer(operationId: string, kind: LpaCallKind, answer: LpaAnswer): Promise<void> {
    const call = this.#find(operationId, kind);
    this.#held.splice(this.#held.indexOf(call), 1);
    switch (answer.kind) {
      case 'success':
        try {
          call.resolve(await this.#track(call.forward(), `lpa.${kind}`));
        } catch (error) {
          this.problems.push(`lpa.${kind} failed where the path expects it to succeed: ${describeError(error)}`);
          call.reject(error);
        }
        return;
      case 'failure':
        return call.reject({ activationError: answer.error, message: 'scripted by the conformance kit' });
      case 'discovered':
        return call.resolve(answer.activationCode === null ? null : { activationCode: answer.activationCode });
      case 'profileState':
        return call.resolve(answer.state);
    }
  }

  /**
   * The host is gone (a restart). A held download still completes on the eUICC, as it would
   * when the host dies mid-download: the user's LPA runs it now and the answer is lost. The new
   * host downloads again, and an idempotent LPA must not install a second copy.
   */
  async dropForRestart(): Promise<void> {
    const held = this.#held;
    this.#held = [];
    for (const call of held) {
      if (call.kind !== 'download') continue;
      try {
        await this.#track(call.forward(), 'lpa.download');
      } catch (error) {
        this.problems.push(`lpa.download, completing while the host restarts, failed: ${describeError(error)}`);
      }
    }
  }

  async #download(request: DownloadRequest): Promise<{ readonly iccid: string }> {
    const result = await this.#inner.download(request);
    const earlier = this.installs.get(request.activationCode);
    if (earlier === undefined) this.installs.set(request.activationCode, result.iccid);
    else if (earlier !== result.iccid) this.problems.push(`lpa.download is not idempotent: the same activation code, downloaded again, installed a second profile (ICCID ${result.iccid} after ${earlier})`);
    return result;
  }

  #hold<T>(kind: LpaCallKind, operationId: string, forward: () => Promise<unknown>, extra: { activationCode?: string; onProgress?: (percent: number) => void } = {}): Promise<T> {
    this.calls.push({ kind, operationId });
    if (this.#held.length > 0) this.overlaps.push(`${kind} for ${operationId} while ${this.#held.map((c) => `${c.kind} for ${c.operationId}`).join(', ')} is held`);
    return new Promise<T>((resolve, reject) => {
      this.#held.push({ kind, operationId, forward, resolve: resolve as (value: unknown) => void, reject, ...extra });
    });
  }

  #find(operationId: string, kind: LpaCallKind): Held {
    const call = this.#held.find((c) => c.operationId === operationId && c.kind === kind);
    if (call === undefined) throw new Error(`the host has no lpa.${kind} call waiting for ${operationId} (waiting: ${this.#held.map((c) => c.kind).join(', ') || 'none'})`);
    return call;
  }
}

/** An error as one line. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) return JSON.stringify(error);
  return String(error);
}
