import type { ProfileState } from '../../machines/types';
import type { ActivationError, NetworkRegistrationState } from '../domain/enums';
import type { DomainError } from '../domain/result';

/** Any JSON value: what crosses from the portal into the core. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/**
 * A portal hand-off, as the bridge hands it in after copying the page's arguments into plain
 * data. Values are still unchecked: the core validates them.
 */
export type PortalCall =
  /** `notifyProfileDownload` / `notifyInlineProfileDownload`: inline download, or delayed when `downloadDelay` > 0. */
  | {
      readonly kind: 'profileDownload';
      /** The portal function called, e.g. `MobilePlansInlineOperations.notifyProfileDownload`; kept in the report. */
      readonly entryPoint: string;
      /** The purchase metadata as passed; problems become diagnostics, never a refusal. */
      readonly metadata: Json;
      /** The SGP.22 activation code as passed (a credential). */
      readonly activationCode: Json;
      /** Minutes to wait before the toast; absent, null or 0 means an inline download. */
      readonly downloadDelay?: Json;
    }
  /** `notifyPurchaseWithProfileDownload`: async connectivity, download now and register later. */
  | {
      readonly kind: 'purchaseWithProfileDownload';
      /** The portal function called; kept in the report. */
      readonly entryPoint: string;
      /** The purchase metadata as passed. */
      readonly metadata: Json;
      /** The SGP.22 activation code as passed (a credential). */
      readonly activationCode: Json;
      /** Minutes to wait after enabling before registering (0 = at once); required. */
      readonly networkRegistrationInterval: Json;
    }
  /** `notifyPurchaseDelayedProfile`: wait, then discover the profile on SM-DS. */
  | {
      readonly kind: 'delayedProfile';
      /** The portal function called; kept in the report. */
      readonly entryPoint: string;
      /** The purchase metadata as passed. */
      readonly metadata: Json;
      /** Minutes to wait before the first SM-DS discovery; required. */
      readonly profileDownloadDelayInterval: Json;
    }
  /** `notifyBalanceAddition`: balance added to a plan, optionally for a profile to activate. */
  | {
      readonly kind: 'balanceAddition';
      /** The portal function called; kept in the report. */
      readonly entryPoint: string;
      /** The purchase metadata as passed. */
      readonly metadata: Json;
      /** The profile to check and enable if inactive; absent or null when the portal named none. */
      readonly iccid?: Json;
    }
  /** `notifyCancelledPurchase`: the user left without buying. */
  | {
      readonly kind: 'cancelledPurchase';
      /** The portal function called; kept in the report. */
      readonly entryPoint: string;
      /** The purchase metadata as passed. */
      readonly metadata: Json;
    }
  /** `DataMart.notifyPurchaseResult`: the legacy v1 hand-off, routed by its payload. */
  | {
      readonly kind: 'purchaseResult';
      /** The portal function called; kept in the report. */
      readonly entryPoint: string;
      /** The v1 payload, normally a JSON string (`ver`, `success`, `purchaseResult`, ...). */
      readonly payload: Json;
    };

/** Inputs about one operation that the user gives through the host's UI. */
export type UserInputType = 'user.toastAccepted' | 'user.toastDismissed' | 'user.startDownload' | 'user.abort';

/**
 * Everything the core reacts to. Time always arrives inside the input (`now`, epoch ms):
 * the core has no clock.
 */
export type Input =
  /** The portal was opened: it is open again and new operations carry this transaction id. */
  | {
      readonly type: 'portal.launched';
      /** When it happened, epoch ms. */
      readonly now: number;
      /** The `transactionId` launch parameter (max 64 characters); copied into every report. */
      readonly transactionId: string;
    }
  /** The portal was closed: callbacks from now on are kept in history, not delivered. */
  | {
      readonly type: 'portal.closed';
      /** When it happened, epoch ms. */
      readonly now: number;
    }
  /** A portal hand-off: starts an operation, returns the one already downloading the code, or is refused. */
  | {
      readonly type: 'portal.call';
      /** When it happened, epoch ms; the operation's start time. */
      readonly now: number;
      /** The hand-off, still unchecked. */
      readonly call: PortalCall;
      /** Id the caller chose for the new operation; refused when already in use or not an id. */
      readonly operationId?: string;
      /**
       * The id the host drew from its id source for a new operation (stamped like `now`, so the
       * core stays pure); made unique with a suffix if a record holds it. Absent: the next `op-N`.
       */
      readonly newOperationId?: string;
      /**
       * The ICCID of the SIM in the device's physical slot, as `effects.modem.physicalIccid` told
       * the host (stamped like `now`); absent or null when the device has none or the host does
       * not say. A legacy success with this ICCID is a physical-SIM purchase (decision D37).
       */
      readonly physicalIccid?: string | null;
      /** The origin of the portal page that called (`https://host[:port]`); absent when no page did. */
      readonly origin?: string;
    }
  /** `notifyOperationCancel`: cancels only inside the operation's cancel window. */
  | {
      readonly type: 'portal.cancel';
      /** When it happened, epoch ms. */
      readonly now: number;
      /** The operation to cancel. */
      readonly operationId: string;
      /** The origin of the page asking; it must be the one that started the operation. */
      readonly origin?: string;
    }
  /** A scheduler timer fired; the operation acts only if its deadline has passed. */
  | {
      readonly type: 'timer.fired';
      /** When it fired, epoch ms; compared with the operation's deadline. */
      readonly now: number;
      /** The timer's id: the id of the operation that armed it. */
      readonly timerId: string;
    }
  /** Download progress from the LPA. */
  | {
      readonly type: 'lpa.progress';
      /** When it happened, epoch ms. */
      readonly now: number;
      /** The operation whose download it is. */
      readonly operationId: string;
      /** Percent downloaded, 0–100. */
      readonly percent: number;
    }
  /** The LPA installed the profile. */
  | {
      readonly type: 'lpa.downloaded';
      /** When it happened, epoch ms. */
      readonly now: number;
      /** The operation whose download it is. */
      readonly operationId: string;
      /** ICCID of the installed profile; the operation follows its registration from now on. */
      readonly iccid: string;
    }
  /** SM-DS has a pending profile for a delayed-profile operation. */
  | {
      readonly type: 'lpa.discovered';
      /** When it happened, epoch ms. */
      readonly now: number;
      /** The delayed-profile operation that asked. */
      readonly operationId: string;
      /** The profile's activation code in clear; the core keeps it as a secret, the machine sees it masked. */
      readonly activationCode: string;
    }
  /** SM-DS has no profile yet: discovery is retried while attempts are left. */
  | {
      readonly type: 'lpa.nothingDiscovered';
      /** When it happened, epoch ms. */
      readonly now: number;
      /** The delayed-profile operation that asked. */
      readonly operationId: string;
    }
  /** The LPA enabled the profile. */
  | {
      readonly type: 'lpa.enabled';
      /** When it happened, epoch ms. */
      readonly now: number;
      /** The operation that asked. */
      readonly operationId: string;
    }
  /** The LPA's answer to `lpa.queryProfile`. */
  | {
      readonly type: 'lpa.profile';
      /** When it happened, epoch ms. */
      readonly now: number;
      /** The operation that asked. */
      readonly operationId: string;
      /** Whether the profile is enabled, installed but disabled, or absent. */
      readonly state: ProfileState;
    }
  /** An LPA command failed. */
  | {
      readonly type: 'lpa.failed';
      /** When it happened, epoch ms. */
      readonly now: number;
      /** The operation whose command failed. */
      readonly operationId: string;
      /** The activation error to tell the portal; `unknownError` when the effect named none. */
      readonly error: ActivationError;
    }
  /** The modem's registration state changed for a profile; every live operation following it hears it. */
  | {
      readonly type: 'modem.registration';
      /** When it happened, epoch ms. */
      readonly now: number;
      /** The profile the modem is registering on. */
      readonly iccid: string;
      /** The new state; `home`, `roaming` and `partner` count as connected, `denied` as refused. */
      readonly state: NetworkRegistrationState;
    }
  /** The modem's `register` for an operation failed naming an activation error: that operation cannot register. */
  | {
      readonly type: 'modem.failed';
      /** When it happened, epoch ms. */
      readonly now: number;
      /** The operation whose registration failed. */
      readonly operationId: string;
      /** The activation error the modem named, e.g. `modemNotFound`. */
      readonly error: ActivationError;
    }
  /** The user's answer to the toast, a start from the app, or giving up at the confirmation prompt. */
  | {
      readonly type: UserInputType;
      /** When it happened, epoch ms. */
      readonly now: number;
      /** The operation the user acted on. */
      readonly operationId: string;
    }
  /** The confirmation code the user typed at the prompt. */
  | {
      readonly type: 'user.confirmationCode';
      /** When it happened, epoch ms. */
      readonly now: number;
      /** The operation that prompted. */
      readonly operationId: string;
      /** The code itself (a credential): kept in `Secrets`, sent only with `lpa.download`. */
      readonly code: string;
    }
  /** The host handed an operation's report to its report effect: a restart need not send it again. */
  | {
      readonly type: 'report.delivered';
      /** When it happened, epoch ms. */
      readonly now: number;
      /** The finished operation whose report it was. */
      readonly operationId: string;
    }
  /** After loading the persisted document: re-arm deadlines and reissue interrupted work. */
  | {
      readonly type: 'restore';
      /** When the host restarted, epoch ms; deadlines already past fire at once. */
      readonly now: number;
    };

/** The type tag of every input. */
export type InputType = Input['type'];

/** What a step answers synchronously, for the portal call or cancel that caused it. */
export type Reply =
  /** A hand-off was taken. */
  | {
      readonly type: 'operation';
      /** The operation the portal gets as its `OperationContext`. */
      readonly operationId: string;
      /** False when an unfinished operation already downloads the same activation code and is returned instead. */
      readonly created: boolean;
    }
  /** A hand-off was invalid (e.g. a bad delay) and started nothing. */
  | {
      readonly type: 'refused';
      /** What was wrong, and which field. */
      readonly error: DomainError;
    }
  /** The answer to `portal.cancel`. */
  | {
      readonly type: 'cancel';
      /** True when the operation was inside its cancel window and is now cancelled. */
      readonly cancelled: boolean;
    }
  /** Any other input that something took. */
  | { readonly type: 'accepted' }
  /** An input nothing took (unknown operation, or a state that does not take it); harmless. */
  | {
      readonly type: 'ignored';
      /** Why, in words, for logs. */
      readonly reason: string;
    };
