/**
 * The enum objects every generation of the spec installs on the portal page, with lowercase
 * keys mapping to the spec's strings (decision D3, docs/decisions.md). The `DataMart*` and `MobilePlans*`
 * objects of one kind are the same object.
 */

/**
 * A frozen enum object from its values, in order: the spec keys each value by its own spelling
 * with a lowercase first letter (`['ServiceError']` → `{ serviceError: 'ServiceError' }`).
 */
function enumTable<const V extends string>(values: readonly V[]): { readonly [K in V as Uncapitalize<K>]: K } {
  const entries = values.map((value) => [value.charAt(0).toLowerCase() + value.slice(1), value]);
  return Object.freeze(Object.fromEntries(entries)) as { readonly [K in V as Uncapitalize<K>]: K };
}

/** `userAccount` values (spec "Purchase Metadata Properties"). */
const USER_ACCOUNT = enumTable(['New', 'Existing', 'Bailed', 'None']);

/** `moDirectStatus` values; `cancelled` and `none` come from the spec's own examples. */
const MO_DIRECT_STATUS = enumTable([
  'Complete',
  'ServiceError',
  'InvalidSIM',
  'LogOnFailed',
  'PurchaseFailed',
  'ClientError',
  'BillingError',
  'Cancelled',
  'None',
]);

/** `DataMartNetworkRegistrationState` / `MobilePlansNetworkRegistrationState`: value = key. */
const NETWORK_REGISTRATION_STATE = enumTable(['none', 'deregistered', 'searching', 'home', 'roaming', 'partner', 'denied']);

/**
 * Activation errors: the union of the 2018 list (`invalidCallback`) and the current one
 * (`invalidJson`), in the spec's order; value = key.
 */
const ACTIVATION_ERROR = enumTable([
  'success',
  'notAuthorized',
  'notFound',
  'policyViolation',
  'insufficientSpaceOnCard',
  'serverFailure',
  'serverNotReachable',
  'timeoutWaitingForUserConsent',
  'incorrectConfirmationCode',
  'confirmationCodeMaxRetriesExceeded',
  'cardRemoved',
  'cardBusy',
  'other',
  'cardGeneralFailure',
  'confirmationCodeMissing',
  'invalidMatchingId',
  'noEligibleProfileForThisDevice',
  'operationAborted',
  'eidMismatch',
  'profileNotAvailableForNewBinding',
  'profileNotReleasedByOperator',
  'operationProhibitedByProfileClass',
  'profileNotPresent',
  'noCorrespondingRequest',
  'unknownError',
  'lpaInitializationError',
  'modemNotFound',
  'localSettingsAccessFailed',
  'invalidCallback',
  'invalidJson',
  'invalidActivationCode',
  'invalidIccid',
]);

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

// Typed as holding anything, so a lookup takes any value: a non-string is simply not a member.
const activationErrorSet: ReadonlySet<unknown> = new Set(ACTIVATION_ERRORS);
const registrationStateSet: ReadonlySet<unknown> = new Set(NETWORK_REGISTRATION_STATES);

/**
 * Whether a value is one of the activation errors of any generation.
 *
 * @param x - any value
 * @example isActivationError('invalidJson') // true
 */
export function isActivationError(x: unknown): x is ActivationError {
  return activationErrorSet.has(x);
}

/**
 * Whether a value is a network registration state.
 *
 * @param x - any value
 * @example isNetworkRegistrationState('roaming') // true
 */
export function isNetworkRegistrationState(x: unknown): x is NetworkRegistrationState {
  return registrationStateSet.has(x);
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
