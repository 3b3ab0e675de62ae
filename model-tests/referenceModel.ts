import type { FlowName, Outcome } from '../machines/types';
import type { PortalCall } from '../src/core/inputs';
import { formatActivationCode, parseActivationCode } from '../src/domain/activationCode';
import type { ActivationError, NetworkRegistrationState } from '../src/domain/enums';
import type { LpaCallKind } from './heldLpa';
import { BALANCE_ICCID, CODE, CONFIRM_CODE, METADATA, MINUTE, PATH_TIMING, PHYSICAL_ICCID } from '../src/testing/scenarios';

/*
 * A small reference model of what the host should do with many operations at once: each
 * operation's phase, deadline and, once it ends, its outcome. It knows the flows only as far
 * as the property test drives them; the real machines are the specification it is held to.
 */

/** Where an operation stands, coarsely (one phase per machine state the property test reaches). */
export type Phase =
  | { readonly name: 'scheduled' | 'toast' | 'awaiting' | 'waiting' | 'retryingDiscovery' | 'registering' | 'prompt'; readonly deadline: number }
  | { readonly name: 'lpa'; readonly kind: LpaCallKind }
  | { readonly name: 'done'; readonly outcome: Outcome; readonly activationResult: ActivationError | null };

/** The machine state a phase is. */
export function machineState(phase: Phase): string {
  switch (phase.name) {
    case 'toast':
      return 'toastShown';
    case 'awaiting':
      return 'awaitingUser';
    case 'prompt':
      return 'confirmationCode';
    case 'lpa':
      return { download: 'downloading', enable: 'enabling', discover: 'discovering', profileState: 'checkingProfile' }[phase.kind];
    default:
      return phase.name;
  }
}

export interface RefOperation {
  readonly id: string;
  readonly flow: FlowName;
  /** Canonical activation code (hand-off or discovered), or null. */
  code: string | null;
  needsConfirmation: boolean;
  iccid: string | null;
  phase: Phase;
  confirmationAttempts: number;
  discoveryAttempts: number;
}

/** A hand-off the property test can make. */
export interface HandOff {
  readonly name: string;
  readonly call: PortalCall;
  readonly flow: FlowName;
  readonly code: string | null;
  readonly delayMs: number;
  readonly iccid?: string;
}

const canonical = (code: string): string => {
  const parsed = parseActivationCode(code);
  if (!parsed.ok) throw new Error(code);
  return formatActivationCode(parsed.value);
};
const needsConfirmation = (code: string | null) => code !== null && code.endsWith('$1');
const OTHER_CODE = '1$smdp.example.com$SECRET-MATCH-3';
const INLINE = 'MobilePlansInlineOperations.notifyProfileDownload';
const download = (code: string, delay?: number): PortalCall => ({ kind: 'profileDownload', entryPoint: INLINE, metadata: METADATA, activationCode: code, ...(delay === undefined ? {} : { downloadDelay: delay }) });

/** `DataMart.notifyPurchaseResult` for a plan on the device's physical SIM: no code, the SIM's ICCID. */
const legacyPhysical: PortalCall = {
  kind: 'purchaseResult',
  entryPoint: 'DataMart.notifyPurchaseResult',
  payload: JSON.stringify({ ver: '1', success: true, purchaseResult: JSON.stringify(METADATA), transactionId: 'tx-1', activationCode: '', iccid: PHYSICAL_ICCID }),
};

export const HAND_OFFS: readonly HandOff[] = [
  { name: 'inline A', flow: 'inlineDownload', call: download(CODE), code: CODE, delayMs: 0 },
  { name: 'inline B', flow: 'inlineDownload', call: download(OTHER_CODE), code: OTHER_CODE, delayMs: 0 },
  { name: 'inline C (confirmation)', flow: 'inlineDownload', call: download(CONFIRM_CODE), code: CONFIRM_CODE, delayMs: 0 },
  { name: 'delayed A, 15', flow: 'delayedDownload', call: download(CODE, 15), code: CODE, delayMs: 15 * MINUTE },
  { name: 'delayed B, 5 → 15', flow: 'delayedDownload', call: download(OTHER_CODE, 5), code: OTHER_CODE, delayMs: 15 * MINUTE },
  { name: 'delayed C, 20 → 30', flow: 'delayedDownload', call: download(CONFIRM_CODE, 20), code: CONFIRM_CODE, delayMs: 30 * MINUTE },
  { name: 'delayed profile, 15', flow: 'delayedProfile', call: { kind: 'delayedProfile', entryPoint: 'DataMart.notifyPurchaseDelayedProfile', metadata: METADATA, profileDownloadDelayInterval: 15 }, code: null, delayMs: 15 * MINUTE },
  { name: 'balance, no ICCID', flow: 'balanceAddition', call: { kind: 'balanceAddition', entryPoint: 'MobilePlans.notifyBalanceAddition', metadata: METADATA }, code: null, delayMs: 0 },
  { name: 'balance, ICCID', flow: 'balanceAddition', call: { kind: 'balanceAddition', entryPoint: 'MobilePlans.notifyBalanceAddition', metadata: METADATA, iccid: BALANCE_ICCID }, code: null, delayMs: 0, iccid: BALANCE_ICCID },
  { name: 'legacy success, physical SIM', flow: 'legacyResult', call: legacyPhysical, code: null, delayMs: 0, iccid: PHYSICAL_ICCID },
  { name: 'cancelled purchase', flow: 'cancelledPurchase', call: { kind: 'cancelledPurchase', entryPoint: 'MobilePlans.notifyCancelledPurchase', metadata: METADATA }, code: null, delayMs: 0 },
];

/** An answer the LPA gives, as the model understands it. */
export type LpaAnswer =
  | { readonly kind: 'download' | 'enable'; readonly ok: true }
  | { readonly kind: 'profileState'; readonly ok: true }
  | { readonly kind: 'discover'; readonly found: boolean; readonly ok: true }
  | { readonly kind: LpaCallKind; readonly ok: false; readonly error: ActivationError };

const CONFIRMATION_ERRORS: readonly ActivationError[] = ['confirmationCodeMissing', 'incorrectConfirmationCode'];
const CONNECTED: readonly NetworkRegistrationState[] = ['home', 'roaming', 'partner'];
const T = PATH_TIMING;

/** The reference model: every operation the test handed off, the clock, and the eUICC. */
export class ReferenceModel {
  readonly operations: RefOperation[] = [];
  now: number;
  /** Canonical codes installed on the eUICC → their ICCID (learned from the world). */
  readonly installed = new Map<string, string>();
  enabledIccid: string | null = null;

  constructor(now: number) {
    this.now = now;
  }

  live(): RefOperation[] {
    return this.operations.filter((op) => op.phase.name !== 'done');
  }

  /** A hand-off: the unfinished operation downloading the same code, or a new operation. */
  handOff(h: HandOff, id: string): { operationId: string; created: boolean } {
    const code = h.code === null ? null : canonical(h.code);
    const owner = code === null ? undefined : this.live().find((op) => op.code === code && (op.flow === 'inlineDownload' || op.flow === 'delayedDownload'));
    if (owner !== undefined) return { operationId: owner.id, created: false };
    const op: RefOperation = { id, flow: h.flow, code, needsConfirmation: needsConfirmation(h.code), iccid: h.iccid ?? null, phase: { name: 'done', outcome: 'rejected', activationResult: null }, confirmationAttempts: 0, discoveryAttempts: 0 };
    this.operations.push(op);
    switch (h.flow) {
      case 'inlineDownload':
        this.#beginDownload(op);
        break;
      case 'delayedDownload':
        op.phase = { name: 'scheduled', deadline: this.now + h.delayMs };
        break;
      case 'delayedProfile':
        op.phase = { name: 'waiting', deadline: this.now + h.delayMs };
        break;
      case 'balanceAddition':
        op.phase = op.iccid === null ? done('balanceAdded') : { name: 'lpa', kind: 'profileState' };
        break;
      case 'cancelledPurchase':
        op.phase = done('purchaseCancelled');
        break;
      case 'legacyResult':
        // The only legacy hand-off the property test makes: the physical SIM's plan (decision D37).
        op.phase = done('physicalSimPurchased');
        break;
      default:
        throw new Error(`reference model: no ${h.flow}`);
    }
    return { operationId: id, created: true };
  }

  /** `notifyOperationCancel`: true inside the cancel window, and the operation ends cancelled. */
  cancel(id: string): boolean {
    const op = this.operations.find((o) => o.id === id);
    if (op === undefined || (op.phase.name !== 'scheduled' && op.phase.name !== 'waiting')) return false;
    op.phase = done('cancelled');
    return true;
  }

  /**
   * The LPA answered an operation's call. `learned` gives what only the world knows: the ICCID
   * a download installed, the code SM-DS found.
   */
  lpaAnswered(op: RefOperation, answer: LpaAnswer, learned: { iccid?: string | null; foundCode?: string | null }): void {
    if (!answer.ok) {
      if (answer.kind === 'discover') return this.#discoveryMissed(op, answer.error);
      if (answer.kind === 'download' && CONFIRMATION_ERRORS.includes(answer.error) && op.confirmationAttempts < T.maxConfirmationAttempts) {
        op.phase = this.#prompt();
        return;
      }
      op.phase = done('failed', answer.error);
      return;
    }
    switch (answer.kind) {
      case 'download':
        op.iccid = learned.iccid ?? null;
        if (op.code !== null && op.iccid !== null) this.installed.set(op.code, op.iccid);
        op.phase = { name: 'lpa', kind: 'enable' };
        return;
      case 'enable':
        this.enabledIccid = op.iccid;
        op.phase = { name: 'registering', deadline: this.now + T.registrationTimeoutMs };
        return;
      case 'profileState':
        op.phase = this.enabledIccid === op.iccid ? done('balanceAdded') : { name: 'lpa', kind: 'enable' };
        return;
      case 'discover':
        if (!answer.found) return this.#discoveryMissed(op, 'profileNotPresent');
        op.code = learned.foundCode ?? null;
        op.needsConfirmation = false;
        this.#beginDownload(op);
        return;
    }
  }

  /** Whether a download of this operation's code answers success whatever was scripted (already installed). */
  alreadyInstalled(op: RefOperation): boolean {
    return op.code !== null && this.installed.has(op.code);
  }

  /** The user's answers. Returns whether the operation took it. */
  user(op: RefOperation, action: 'accept' | 'dismiss' | 'start' | 'code' | 'abort'): void {
    const p = op.phase.name;
    if (action === 'accept' && p === 'toast') this.#beginDownload(op);
    else if (action === 'dismiss' && p === 'toast') op.phase = { name: 'awaiting', deadline: this.now + T.awaitingUserLifetimeMs };
    else if (action === 'start' && p === 'awaiting') this.#beginDownload(op);
    else if (action === 'code' && p === 'prompt') {
      op.confirmationAttempts += 1;
      op.phase = { name: 'lpa', kind: 'download' };
    } else if (action === 'abort' && p === 'prompt') op.phase = done('failed', 'operationAborted');
  }

  /** The modem reports a state for a profile: every operation registering on it hears it. */
  registration(iccid: string, state: NetworkRegistrationState): void {
    for (const op of this.live()) {
      if (op.phase.name !== 'registering' || op.iccid !== iccid) continue;
      if (CONNECTED.includes(state)) op.phase = done('connected', 'success');
      else if (state === 'denied') op.phase = done('notConnected', 'success');
    }
  }

  /** The modem's register failed naming `modemNotFound` for an operation registering: it ends modemFailed (decision D38). */
  modemFailed(op: RefOperation): void {
    if (op.phase.name === 'registering') op.phase = done('modemFailed', 'modemNotFound');
  }

  /** Time passes: every deadline due fires at its own time, in time order. */
  advanceTo(end: number): void {
    for (;;) {
      const due = this.live()
        .flatMap((op) => ('deadline' in op.phase && op.phase.deadline <= end ? [{ op, at: op.phase.deadline }] : []))
        .sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      this.now = due.at;
      this.#timeout(due.op);
    }
    this.now = end;
  }

  /**
   * The host was down until `end`: every deadline that passed meanwhile fires once, late, at
   * `end` when the restarted host re-arms it (and the deadlines that follow count from `end`).
   */
  restartedAt(end: number): void {
    this.now = end;
    for (const op of this.live()) if ('deadline' in op.phase && op.phase.deadline <= end) this.#timeout(op);
  }

  #timeout(op: RefOperation): void {
    const t = this.now;
    switch (op.phase.name) {
      case 'scheduled':
        op.phase = { name: 'toast', deadline: t + T.toastLifetimeMs };
        return;
      case 'toast':
        op.phase = { name: 'awaiting', deadline: t + T.awaitingUserLifetimeMs };
        return;
      case 'awaiting':
        op.phase = done('expired');
        return;
      case 'waiting':
      case 'retryingDiscovery':
        op.discoveryAttempts += 1;
        op.phase = { name: 'lpa', kind: 'discover' };
        return;
      case 'registering':
        op.phase = done('notConnected', 'success');
        return;
      case 'prompt':
        op.phase = done('failed', 'timeoutWaitingForUserConsent');
        return;
      default:
        throw new Error(`reference model: no deadline in ${op.phase.name}`);
    }
  }

  #beginDownload(op: RefOperation): void {
    op.phase = op.needsConfirmation ? this.#prompt() : { name: 'lpa', kind: 'download' };
  }

  /** The confirmation-code prompt: unanswered, it ends the operation (decision D39). */
  #prompt(): Phase {
    return { name: 'prompt', deadline: this.now + T.confirmationPromptTimeoutMs };
  }

  #discoveryMissed(op: RefOperation, error: ActivationError): void {
    op.phase = op.discoveryAttempts < T.maxDiscoveryAttempts ? { name: 'retryingDiscovery', deadline: this.now + T.discoveryRetryMs } : done('failed', error);
  }
}

function done(outcome: Outcome, activationResult: ActivationError | null = null): Phase {
  return { name: 'done', outcome, activationResult };
}
