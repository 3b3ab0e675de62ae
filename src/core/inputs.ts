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
  | { readonly kind: 'profileDownload'; readonly entryPoint: string; readonly metadata: Json; readonly activationCode: Json; readonly downloadDelay?: Json }
  | { readonly kind: 'purchaseWithProfileDownload'; readonly entryPoint: string; readonly metadata: Json; readonly activationCode: Json; readonly networkRegistrationInterval: Json }
  | { readonly kind: 'delayedProfile'; readonly entryPoint: string; readonly metadata: Json; readonly profileDownloadDelayInterval: Json }
  | { readonly kind: 'balanceAddition'; readonly entryPoint: string; readonly metadata: Json; readonly iccid?: Json }
  | { readonly kind: 'cancelledPurchase'; readonly entryPoint: string; readonly metadata: Json }
  | { readonly kind: 'purchaseResult'; readonly entryPoint: string; readonly payload: Json };

/** Inputs about one operation that the user gives through the host's UI. */
export type UserInputType = 'user.toastAccepted' | 'user.toastDismissed' | 'user.startDownload' | 'user.abort';

/**
 * Everything the core reacts to. Time always arrives inside the input (`now`, epoch ms):
 * the core has no clock.
 */
export type Input =
  | { readonly type: 'portal.launched'; readonly now: number; readonly transactionId: string }
  | { readonly type: 'portal.closed'; readonly now: number }
  | { readonly type: 'portal.call'; readonly now: number; readonly call: PortalCall; readonly operationId?: string }
  | { readonly type: 'portal.cancel'; readonly now: number; readonly operationId: string }
  | { readonly type: 'timer.fired'; readonly now: number; readonly timerId: string }
  | { readonly type: 'lpa.progress'; readonly now: number; readonly operationId: string; readonly percent: number }
  | { readonly type: 'lpa.downloaded'; readonly now: number; readonly operationId: string; readonly iccid: string }
  | { readonly type: 'lpa.discovered'; readonly now: number; readonly operationId: string; readonly activationCode: string }
  | { readonly type: 'lpa.nothingDiscovered'; readonly now: number; readonly operationId: string }
  | { readonly type: 'lpa.enabled'; readonly now: number; readonly operationId: string }
  | { readonly type: 'lpa.profile'; readonly now: number; readonly operationId: string; readonly state: ProfileState }
  | { readonly type: 'lpa.failed'; readonly now: number; readonly operationId: string; readonly error: ActivationError }
  | { readonly type: 'modem.registration'; readonly now: number; readonly iccid: string; readonly state: NetworkRegistrationState }
  | { readonly type: UserInputType; readonly now: number; readonly operationId: string }
  | { readonly type: 'user.confirmationCode'; readonly now: number; readonly operationId: string; readonly code: string }
  | { readonly type: 'restore'; readonly now: number };

/** The type tag of every input. */
export type InputType = Input['type'];

/** What a step answers synchronously, for the portal call or cancel that caused it. */
export type Reply =
  | { readonly type: 'operation'; readonly operationId: string; readonly created: boolean }
  | { readonly type: 'refused'; readonly error: DomainError }
  | { readonly type: 'cancel'; readonly cancelled: boolean }
  | { readonly type: 'accepted' }
  | { readonly type: 'ignored'; readonly reason: string };
