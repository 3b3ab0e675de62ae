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
  /** How long a confirmation-code prompt waits for the user before the operation fails with `timeoutWaitingForUserConsent`. */
  readonly confirmationPromptTimeoutMs: number;
  /** How long the "ready to download" toast stays up before it is treated as ignored. */
  readonly toastLifetimeMs: number;
  /** How long a dismissed or ignored download waits for the user before it expires. */
  readonly awaitingUserLifetimeMs: number;
}

/**
 * Where a legacy `DataMart.notifyPurchaseResult` payload leads; `physical`: a success with the
 * ICCID of the device's physical SIM and no activation code (decision D37).
 */
export type LegacyRoute = 'download' | 'balance' | 'physical' | 'cancelled' | 'invalid';

/** What the core hands a flow machine when it creates an operation. */
export interface FlowInput {
  /** The operation this machine runs. */
  readonly operationId: string;
  /** When the hand-off created the operation, epoch ms. */
  readonly now: number;
  /** The rounded delay or interval in milliseconds (0 when the flow has none). */
  readonly delayMs: number;
  /** The portal's activation code, masked; null when it was invalid, absent when the flow takes none. */
  readonly code?: MaskedActivationCode | null;
  /** The ICCID the portal named; null when it was malformed, absent when none was given. */
  readonly iccid?: string | null;
  /** Set when the portal's input was refused before the flow began. */
  readonly inputError?: ActivationError | null;
  /** Legacy result only: where the v1 payload leads. */
  readonly legacyRoute?: LegacyRoute;
}

/**
 * The context of every flow machine: finite, JSON-safe, and free of credentials
 * (the activation code is held masked; the core keeps the real one apart).
 */
export interface FlowContext {
  /** The operation this machine runs. */
  readonly operationId: string;
  /** The rounded delay or interval in milliseconds; 0 when the flow has none. */
  readonly delayMs: number;
  /** When the operation was created, epoch ms. */
  readonly createdAt: number;
  /** The activation code, masked; null when invalid or not known yet (delayed profile before discovery). */
  readonly code: MaskedActivationCode | null;
  /** The profile's ICCID, from the portal or the download; null until known. */
  readonly iccid: string | null;
  /** The activation error the portal's input was refused with; null when the input was valid. */
  readonly inputError: ActivationError | null;
  /** Legacy result only: where the v1 payload leads; null in every other flow. */
  readonly legacyRoute: LegacyRoute | null;
  /** The one armed deadline of the current state (epoch ms), or null. */
  readonly deadline: number | null;
  /** Delayed flows: when the delay ends (epoch ms; the toast or the discovery may not come earlier); null until set. */
  readonly startAt: number | null;
  /** Confirmation codes the user has given so far. */
  readonly confirmationAttempts: number;
  /** Registration attempts started so far. */
  readonly registrationAttempts: number;
  /** SM-DS discoveries started so far. */
  readonly discoveryAttempts: number;
  /** The activation error the operation fails with; null unless it failed. */
  readonly failure: ActivationError | null;
  /** The last registration state the modem reported for the profile; null until one arrives. */
  readonly registrationState: NetworkRegistrationState | null;
}

/** The answer an eUICC gives about one ICCID. */
export type ProfileState = 'enabled' | 'disabled' | 'absent';

/** Every event a flow machine accepts. Each carries the time it happened (epoch ms). */
export type FlowEvent =
  /** Sent once by the core, right after it creates the operation. */
  | {
      readonly type: 'operation.start';
      /** When it happened, epoch ms. */
      readonly now: number;
    }
  /** The operation's timer fired; acted on only once `now` reaches the deadline. */
  | {
      readonly type: 'timer.fired';
      /** When it happened, epoch ms. */
      readonly now: number;
    }
  /** `notifyOperationCancel`: taken only inside the cancel window. */
  | {
      readonly type: 'portal.cancel';
      /** When it happened, epoch ms. */
      readonly now: number;
    }
  /** Download progress from the LPA. */
  | {
      readonly type: 'lpa.progress';
      /** When it happened, epoch ms. */
      readonly now: number;
      /** Percent downloaded, 0–100. */
      readonly percent: number;
    }
  /** The LPA installed the profile. */
  | {
      readonly type: 'lpa.downloaded';
      /** When it happened, epoch ms. */
      readonly now: number;
      /** ICCID of the installed profile. */
      readonly iccid: string;
    }
  /** SM-DS returned a pending profile. */
  | {
      readonly type: 'lpa.discovered';
      /** When it happened, epoch ms. */
      readonly now: number;
      /** Its activation code, masked (the core keeps the real one). */
      readonly code: MaskedActivationCode;
    }
  /** SM-DS has no profile yet. */
  | {
      readonly type: 'lpa.nothingDiscovered';
      /** When it happened, epoch ms. */
      readonly now: number;
    }
  /** The LPA enabled the profile. */
  | {
      readonly type: 'lpa.enabled';
      /** When it happened, epoch ms. */
      readonly now: number;
    }
  /** The LPA's answer about the profile (balance addition). */
  | {
      readonly type: 'lpa.profile';
      /** When it happened, epoch ms. */
      readonly now: number;
      /** Enabled, installed but disabled, or absent. */
      readonly state: ProfileState;
    }
  /** An LPA command failed. */
  | {
      readonly type: 'lpa.failed';
      /** When it happened, epoch ms. */
      readonly now: number;
      /** The activation error the portal will see. */
      readonly error: ActivationError;
    }
  /** The modem's registration state changed for the operation's profile. */
  | {
      readonly type: 'modem.registration';
      /** When it happened, epoch ms. */
      readonly now: number;
      /** The new state; `home`, `roaming` and `partner` count as connected. */
      readonly state: NetworkRegistrationState;
    }
  /** Registering failed for good: the modem's `register` named an activation error (e.g. `modemNotFound`). */
  | {
      readonly type: 'modem.failed';
      /** When it happened, epoch ms. */
      readonly now: number;
      /** The activation error the modem named. */
      readonly error: ActivationError;
    }
  /** The user accepted the "ready to download" toast. */
  | {
      readonly type: 'user.toastAccepted';
      /** When it happened, epoch ms. */
      readonly now: number;
    }
  /** The user dismissed the toast: the download waits for the user. */
  | {
      readonly type: 'user.toastDismissed';
      /** When it happened, epoch ms. */
      readonly now: number;
    }
  /** The user started a waiting download from the app. */
  | {
      readonly type: 'user.startDownload';
      /** When it happened, epoch ms. */
      readonly now: number;
    }
  /** The user gave the confirmation code (the core keeps the code itself). */
  | {
      readonly type: 'user.confirmationCode';
      /** When it happened, epoch ms. */
      readonly now: number;
    }
  /** The user gave up at the confirmation prompt: fails with `operationAborted`. */
  | {
      readonly type: 'user.abort';
      /** When it happened, epoch ms. */
      readonly now: number;
    };

/** How an operation ended, as its report says. */
export type Outcome =
  | 'connected'
  | 'notConnected'
  | 'failed'
  | 'cancelled'
  | 'expired'
  | 'balanceAdded'
  | 'physicalSimPurchased'
  | 'modemFailed'
  | 'purchaseCancelled'
  | 'rejected';

/** The UI stages the host shows progress for. */
export type ProgressStage = 'downloading' | 'enabling' | 'registering';
