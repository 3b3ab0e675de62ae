import type { ActivationError } from './enums';

/** What an activation error means and what a portal should do about it. */
export type ActivationErrorDescription = {
  /** The spec's description of the value. */
  meaning: string;
  /** What the MO portal should do when it receives it. */
  portalAction: string;
};

const retryLater = 'Tell the user the download could not finish now and offer to try again later.';
const contactSupport =
  'Show the user a support path; the problem is on the device and retrying from the portal will not help.';
const fixProfile = 'Check the profile on your SM-DP+ and issue a new activation code if needed.';

/**
 * The meaning of every activation error (from the spec's `MobilePlansActivationError` and
 * `DataMartActivationErrors` tables) and the portal's next step. The generated docs use it.
 *
 * @example ACTIVATION_ERROR_DESCRIPTIONS.invalidIccid.portalAction
 */
export const ACTIVATION_ERROR_DESCRIPTIONS: Readonly<
  Record<ActivationError, Readonly<ActivationErrorDescription>>
> = deepFreeze({
  success: {
    meaning: 'The operation was successful.',
    portalAction: 'Show the user that the plan is ready; wait for registrationChanged to confirm connectivity.',
  },
  notAuthorized: {
    meaning: 'The operation was not authorized.',
    portalAction: contactSupport,
  },
  notFound: {
    meaning: 'The specified eSIM profile was not found.',
    portalAction: fixProfile,
  },
  policyViolation: {
    meaning: 'The operation violates policy.',
    portalAction: 'Do not retry; tell the user the device policy does not allow this profile.',
  },
  insufficientSpaceOnCard: {
    meaning: 'There is not enough storage space on the card to complete the operation.',
    portalAction: 'Ask the user to delete an unused eSIM profile in Settings, then retry.',
  },
  serverFailure: {
    meaning: 'A server failure occurred during the operation.',
    portalAction: 'Check your SM-DP+ logs for the transaction, then let the user retry.',
  },
  serverNotReachable: {
    meaning: 'The server could not be reached during the operation.',
    portalAction: 'Check the SM-DP+ address in the activation code and that the server is up; let the user retry.',
  },
  timeoutWaitingForUserConsent: {
    meaning: 'User consent was not granted within the timeout period of the operation.',
    portalAction: 'Let the user start the download again and explain that they must accept the prompt.',
  },
  incorrectConfirmationCode: {
    meaning: 'The wrong confirmation code was supplied during the operation.',
    portalAction: 'Show the user where to find the confirmation code; the app lets them enter it again.',
  },
  confirmationCodeMaxRetriesExceeded: {
    meaning:
      'The wrong confirmation code was supplied during the operation, and no more retries are permitted.',
    portalAction: 'Issue a new activation code on your SM-DP+ and start a new download.',
  },
  cardRemoved: {
    meaning: 'The SIM card has been removed.',
    portalAction: 'Ask the user to reinsert the SIM and retry.',
  },
  cardBusy: {
    meaning: 'The SIM card is busy.',
    portalAction: retryLater,
  },
  other: {
    meaning: 'A status that is not accounted for by a more specific status.',
    portalAction: retryLater,
  },
  cardGeneralFailure: {
    meaning:
      'A card error occurred that prevented the download, install, or other operation from completing successfully.',
    portalAction: contactSupport,
  },
  confirmationCodeMissing: {
    meaning: 'A confirmation code is needed to download the eSIM profile.',
    portalAction:
      'Give the user the confirmation code, or put the flag 1 in the activation code (1$address$matchingId$$1) so the app asks for it.',
  },
  invalidMatchingId: {
    meaning: 'The matching ID from the activation code or discovered event was refused.',
    portalAction: 'Check the matching ID your SM-DP+ issued for this EID and send a fresh activation code.',
  },
  noEligibleProfileForThisDevice: {
    meaning: 'An eSIM profile compatible with this device could not be found.',
    portalAction: 'Offer a profile type the device supports (for example one that does not require LTE).',
  },
  operationAborted: {
    meaning: 'The operation was aborted.',
    portalAction: 'Let the user start again when they are ready.',
  },
  eidMismatch: {
    meaning:
      'An eSIM profile on the mobile operator server is already allocated for a different EID than the one the device has.',
    portalAction: 'Allocate the profile to the EID the portal received at launch and send a new activation code.',
  },
  profileNotAvailableForNewBinding: {
    meaning: 'The user is trying to download an eSIM profile that has already been claimed or downloaded.',
    portalAction: 'Issue a new profile; a downloaded profile cannot be downloaded again.',
  },
  profileNotReleasedByOperator: {
    meaning: 'The eSIM profile is available but not yet marked as released for download by the operator.',
    portalAction: 'Mark the profile as released on your SM-DP+, or use a download delay until it is.',
  },
  operationProhibitedByProfileClass: {
    meaning: 'The operation is not allowed for the eSIM profile class.',
    portalAction: 'Do not target test or provisioning profiles; use an operational profile.',
  },
  profileNotPresent: {
    meaning: 'An eSIM profile could not be found.',
    portalAction: 'Check the ICCID you sent: the profile is not on this device. Download it first.',
  },
  noCorrespondingRequest: {
    meaning: 'No corresponding request could be found.',
    portalAction: retryLater,
  },
  unknownError: {
    meaning: 'The LPA returned an error that is unknown.',
    portalAction: retryLater,
  },
  lpaInitializationError: {
    meaning: 'An error occurred when trying to initialize the LPA.',
    portalAction: contactSupport,
  },
  modemNotFound: {
    meaning: 'No cellular modem was found on the device.',
    portalAction: contactSupport,
  },
  localSettingsAccessFailed: {
    meaning: 'Accessing the app local settings failed.',
    portalAction: contactSupport,
  },
  invalidCallback: {
    meaning: 'The MO portal has given an invalid callback.',
    portalAction:
      'Set registrationChangedScript and profileActivationCompleteScript to a function or the name of a global function.',
  },
  invalidJson: {
    meaning: 'The MO portal has provided invalid JSON when calling the Mobile Plans app.',
    portalAction: 'Send the payload as JSON.stringify of the documented object, with a boolean "success".',
  },
  invalidActivationCode: {
    meaning: 'The MO portal has given an invalid activation code.',
    portalAction: 'Send an SGP.22 activation code: 1$smdp.address$matchingId, optionally $oid and $1.',
  },
  invalidIccid: {
    meaning: 'The MO portal has given an invalid ICCID.',
    portalAction: 'Send the ICCID as 18 to 22 digits starting with 89 (a trailing F is allowed), no spaces.',
  },
});

/** Freezes a table and each of its entries, so no importer can edit the shared docs. */
function deepFreeze<T extends Record<string, object>>(table: T): Readonly<T> {
  for (const entry of Object.values(table)) Object.freeze(entry);
  return Object.freeze(table);
}
