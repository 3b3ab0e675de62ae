import type { ActivationError, NetworkRegistrationState } from '../src/domain/enums';
import type { MaskedActivationCode } from '../src/domain/activationCode';

/** The name of every fulfilment flow, one statechart each. */
export type FlowName =
  | 'inlineDownload'
  | 'delayedDownload'
  | 'asyncConnectivity'
  | 'delayedProfile'
  | 'balanceAddition'
  | 'cancelledPurchase'
  | 'legacyResult';

/** Host-configured durations and bounds a flow needs, all in milliseconds or counts. */
export interface FlowTiming {
  /** How long registration may take before the attempt counts as failed. */
  readonly registrationTimeoutMs: number;
  /** Async connectivity: the wait before another registration attempt. */
  readonly registrationRetryMs: number;
  /** Async connectivity: registration attempts before giving up (inline flows make one). */
  readonly maxRegistrationAttempts: number;
  /** Delayed profile: the wait before another SM-DS discovery. */
  readonly discoveryRetryMs: number;
  /** Delayed profile: discovery attempts before giving up. */
  readonly maxDiscoveryAttempts: number;
  /** Confirmation-code prompts before the operation fails. */
  readonly maxConfirmationAttempts: number;
  /** How long the "ready to download" toast stays up before it is treated as ignored. */
  readonly toastLifetimeMs: number;
  /** How long a dismissed or ignored download waits for the user before it expires. */
  readonly awaitingUserLifetimeMs: number;
}

/** Where a legacy `DataMart.notifyPurchaseResult` payload leads. */
export type LegacyRoute = 'download' | 'balance' | 'cancelled' | 'invalid';

/** What the core hands a flow machine when it creates an operation. */
export interface FlowInput {
  readonly operationId: string;
  readonly now: number;
  readonly timing: FlowTiming;
  /** The rounded delay or interval in milliseconds (0 when the flow has none). */
  readonly delayMs: number;
  readonly code?: MaskedActivationCode | null;
  readonly iccid?: string | null;
  /** Set when the portal's input was refused before the flow began. */
  readonly inputError?: ActivationError | null;
  readonly legacyRoute?: LegacyRoute;
}

/**
 * The context of every flow machine: finite, JSON-safe, and free of credentials
 * (the activation code is held masked; the core keeps the real one apart).
 */
export interface FlowContext {
  readonly operationId: string;
  readonly timing: FlowTiming;
  readonly delayMs: number;
  readonly createdAt: number;
  readonly code: MaskedActivationCode | null;
  readonly iccid: string | null;
  readonly inputError: ActivationError | null;
  readonly legacyRoute: LegacyRoute | null;
  /** The one armed deadline of the current state, or null. */
  readonly deadline: number | null;
  /** Delayed flows: when the delay ends (the toast or the discovery may not come earlier). */
  readonly startAt: number | null;
  readonly confirmationAttempts: number;
  readonly registrationAttempts: number;
  readonly discoveryAttempts: number;
  readonly failure: ActivationError | null;
  readonly registrationState: NetworkRegistrationState | null;
}

/** The answer an eUICC gives about one ICCID. */
export type ProfileState = 'enabled' | 'disabled' | 'absent';

/** Every event a flow machine accepts. Each carries the time it happened (epoch ms). */
export type FlowEvent =
  | { readonly type: 'operation.start'; readonly now: number }
  | { readonly type: 'timer.fired'; readonly now: number }
  | { readonly type: 'portal.cancel'; readonly now: number }
  | { readonly type: 'lpa.progress'; readonly now: number; readonly percent: number }
  | { readonly type: 'lpa.downloaded'; readonly now: number; readonly iccid: string }
  | { readonly type: 'lpa.discovered'; readonly now: number; readonly code: MaskedActivationCode }
  | { readonly type: 'lpa.nothingDiscovered'; readonly now: number }
  | { readonly type: 'lpa.enabled'; readonly now: number }
  | { readonly type: 'lpa.profile'; readonly now: number; readonly state: ProfileState }
  | { readonly type: 'lpa.failed'; readonly now: number; readonly error: ActivationError }
  | { readonly type: 'modem.registration'; readonly now: number; readonly state: NetworkRegistrationState }
  | { readonly type: 'user.toastAccepted'; readonly now: number }
  | { readonly type: 'user.toastDismissed'; readonly now: number }
  | { readonly type: 'user.startDownload'; readonly now: number }
  | { readonly type: 'user.confirmationCode'; readonly now: number }
  | { readonly type: 'user.abort'; readonly now: number };

/** How an operation ended, as its report says. */
export type Outcome =
  | 'connected'
  | 'notConnected'
  | 'failed'
  | 'cancelled'
  | 'expired'
  | 'balanceAdded'
  | 'purchaseCancelled'
  | 'rejected';

/** The UI stages the host shows progress for. */
export type ProgressStage = 'downloading' | 'enabling' | 'registering';
