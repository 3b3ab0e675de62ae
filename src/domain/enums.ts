/**
 * The enum objects every generation of the spec installs on the portal page, with lowercase
 * keys mapping to the spec's strings (DESIGN decision 3). The `DataMart*` and `MobilePlans*`
 * objects of one kind are the same object.
 */

/** `userAccount` values (spec "Purchase Metadata Properties"). */
const USER_ACCOUNT = Object.freeze({
  new: 'New',
  existing: 'Existing',
  bailed: 'Bailed',
  none: 'None',
} as const);

/** `moDirectStatus` values; `cancelled` and `none` come from the spec's own examples. */
const MO_DIRECT_STATUS = Object.freeze({
  complete: 'Complete',
  serviceError: 'ServiceError',
  invalidSIM: 'InvalidSIM',
  logOnFailed: 'LogOnFailed',
  purchaseFailed: 'PurchaseFailed',
  clientError: 'ClientError',
  billingError: 'BillingError',
  cancelled: 'Cancelled',
  none: 'None',
} as const);

/** `DataMartNetworkRegistrationState` / `MobilePlansNetworkRegistrationState`: value = key. */
const NETWORK_REGISTRATION_STATE = Object.freeze({
  none: 'none',
  deregistered: 'deregistered',
  searching: 'searching',
  home: 'home',
  roaming: 'roaming',
  partner: 'partner',
  denied: 'denied',
} as const);

/**
 * Activation errors: the union of the 2018 list (`invalidCallback`) and the current one
 * (`invalidJson`), in the spec's order; value = key.
 */
const ACTIVATION_ERROR = Object.freeze({
  success: 'success',
  notAuthorized: 'notAuthorized',
  notFound: 'notFound',
  policyViolation: 'policyViolation',
  insufficientSpaceOnCard: 'insufficientSpaceOnCard',
  serverFailure: 'serverFailure',
  serverNotReachable: 'serverNotReachable',
  timeoutWaitingForUserConsent: 'timeoutWaitingForUserConsent',
  incorrectConfirmationCode: 'incorrectConfirmationCode',
  confirmationCodeMaxRetriesExceeded: 'confirmationCodeMaxRetriesExceeded',
  cardRemoved: 'cardRemoved',
  cardBusy: 'cardBusy',
  other: 'other',
  cardGeneralFailure: 'cardGeneralFailure',
  confirmationCodeMissing: 'confirmationCodeMissing',
  invalidMatchingId: 'invalidMatchingId',
  noEligibleProfileForThisDevice: 'noEligibleProfileForThisDevice',
  operationAborted: 'operationAborted',
  eidMismatch: 'eidMismatch',
  profileNotAvailableForNewBinding: 'profileNotAvailableForNewBinding',
  profileNotReleasedByOperator: 'profileNotReleasedByOperator',
  operationProhibitedByProfileClass: 'operationProhibitedByProfileClass',
  profileNotPresent: 'profileNotPresent',
  noCorrespondingRequest: 'noCorrespondingRequest',
  unknownError: 'unknownError',
  lpaInitializationError: 'lpaInitializationError',
  modemNotFound: 'modemNotFound',
  localSettingsAccessFailed: 'localSettingsAccessFailed',
  invalidCallback: 'invalidCallback',
  invalidJson: 'invalidJson',
  invalidActivationCode: 'invalidActivationCode',
  invalidIccid: 'invalidIccid',
} as const);

/** `DataMartUserAccount` (2018-11): lowercase keys to the spec's strings. */
export const DataMartUserAccount = USER_ACCOUNT;
/** `DataMartPurchaseInstrument` (2018-11): same values as the user account. */
export const DataMartPurchaseInstrument = USER_ACCOUNT;
/** `DataMartLineType` (2018-11): same values as the user account. */
export const DataMartLineType = USER_ACCOUNT;
/** `DataMartMoDirectStatus` (2018-11). */
export const DataMartMoDirectStatus = MO_DIRECT_STATUS;
/** `DataMartNetworkRegistrationState` (2018-11). */
export const DataMartNetworkRegistrationState = NETWORK_REGISTRATION_STATE;
/** `DataMartActivationErrors` (2018-11; includes `invalidJson` from the current list). */
export const DataMartActivationErrors = ACTIVATION_ERROR;
/** `MobilePlansUserAccount` (current). */
export const MobilePlansUserAccount = USER_ACCOUNT;
/** `MobilePlansPurchaseInstrument` (current). */
export const MobilePlansPurchaseInstrument = USER_ACCOUNT;
/** `MobilePlansLineType` (current). */
export const MobilePlansLineType = USER_ACCOUNT;
/** `MobilePlansMoDirectStatus` (current). */
export const MobilePlansMoDirectStatus = MO_DIRECT_STATUS;
/** `MobilePlansNetworkRegistrationState` (current). */
export const MobilePlansNetworkRegistrationState = NETWORK_REGISTRATION_STATE;
/** `MobilePlansActivationError` (current; includes `invalidCallback` from the 2018 list). */
export const MobilePlansActivationError = ACTIVATION_ERROR;

/** A `userAccount` value: `"New" | "Existing" | "Bailed" | "None"`. */
export type UserAccount = (typeof MobilePlansUserAccount)[keyof typeof MobilePlansUserAccount];
/** A `purchaseInstrument` value. */
export type PurchaseInstrument = UserAccount;
/** A `line` / `lineType` value. */
export type LineType = UserAccount;
/** A `moDirectStatus` value, including `"Cancelled"` and `"None"`. */
export type MoDirectStatus = (typeof MobilePlansMoDirectStatus)[keyof typeof MobilePlansMoDirectStatus];
/** A network registration state reported through `registrationChangedScript`. */
export type NetworkRegistrationState =
  (typeof MobilePlansNetworkRegistrationState)[keyof typeof MobilePlansNetworkRegistrationState];
/** An activation result reported through `profileActivationCompleteScript`. */
export type ActivationError = (typeof MobilePlansActivationError)[keyof typeof MobilePlansActivationError];

/** Every `userAccount` / `purchaseInstrument` / `lineType` value, in the spec's order. */
export const USER_ACCOUNTS: readonly UserAccount[] = Object.freeze(Object.values(USER_ACCOUNT));
/** Every `moDirectStatus` value, in the spec's order, then `Cancelled` and `None`. */
export const MO_DIRECT_STATUSES: readonly MoDirectStatus[] = Object.freeze(
  Object.values(MO_DIRECT_STATUS),
);
/** Every activation error, in the spec's order. */
export const ACTIVATION_ERRORS: readonly ActivationError[] = Object.freeze(
  Object.values(ACTIVATION_ERROR),
);
/** Every network registration state, in the spec's order. */
export const NETWORK_REGISTRATION_STATES: readonly NetworkRegistrationState[] = Object.freeze(
  Object.values(NETWORK_REGISTRATION_STATE),
);
/** The states in which the device counts as connected (the spec's listener example). */
export const CONNECTED_REGISTRATION_STATES: readonly NetworkRegistrationState[] = Object.freeze([
  'home',
  'roaming',
  'partner',
] as const);

const activationErrorSet: ReadonlySet<string> = new Set(ACTIVATION_ERRORS);
const registrationStateSet: ReadonlySet<string> = new Set(NETWORK_REGISTRATION_STATES);

/**
 * Whether a value is one of the activation errors of any generation.
 *
 * @param x - any value
 * @example isActivationError('invalidJson') // true
 */
export function isActivationError(x: unknown): x is ActivationError {
  return typeof x === 'string' && activationErrorSet.has(x);
}

/**
 * Whether a value is a network registration state.
 *
 * @param x - any value
 * @example isNetworkRegistrationState('roaming') // true
 */
export function isNetworkRegistrationState(x: unknown): x is NetworkRegistrationState {
  return typeof x === 'string' && registrationStateSet.has(x);
}

/**
 * Every enum object of every generation by the global name the portal sees; the portal layer
 * installs each of these on the page.
 */
export const ENUM_OBJECTS: Readonly<Record<string, Readonly<Record<string, string>>>> =
  Object.freeze({
    DataMartUserAccount,
    DataMartPurchaseInstrument,
    DataMartLineType,
    DataMartMoDirectStatus,
    DataMartNetworkRegistrationState,
    DataMartActivationErrors,
    MobilePlansUserAccount,
    MobilePlansPurchaseInstrument,
    MobilePlansLineType,
    MobilePlansMoDirectStatus,
    MobilePlansNetworkRegistrationState,
    MobilePlansActivationError,
  });
