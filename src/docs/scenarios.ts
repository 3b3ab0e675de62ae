import type { FlowName, ProfileState } from '../../machines/types';
import type { PortalCall } from '../core/inputs';

/** The transaction id the sample portal is launched with. */
export const SAMPLE_TRANSACTION_ID = 'tx-2f9c';
/** The activation code the sample portal hands over; its matching ID never appears in the docs. */
export const SAMPLE_ACTIVATION_CODE = 'LPA:1$smdp.example.com$MATCHING-ID-1';
/** The ICCID of the sample profile (Luhn-valid, so no diagnostic clutters the diagrams). */
export const SAMPLE_ICCID = '8944500000000000121';
/** The confirmation code the sample user types when asked. */
export const SAMPLE_CONFIRMATION_CODE = '4711';
/** The delay or interval, in minutes, the delayed samples pass. */
export const SAMPLE_DELAY_MINUTES = 15;

const metadata = { userAccount: 'New', purchaseInstrument: 'New', line: 'New', moDirectStatus: 'Complete', planName: '2GB Monthly' };
const cancelledMetadata = { userAccount: 'New', purchaseInstrument: 'New', line: 'Bailed', moDirectStatus: 'Cancelled', planName: '' };

/**
 * The main path of a flow as a portal developer meets it: the call that starts it, the state
 * that is its success, and how the eUICC answers along the way.
 */
export interface Scenario {
  /** The flow it exercises. */
  readonly flow: FlowName;
  /** One sentence: what happens on this path. */
  readonly summary: string;
  /** The portal call that starts it. */
  readonly call: PortalCall;
  /** The machine state the main path ends in. */
  readonly success: string;
  /** What the eUICC says about the scenario's ICCID when asked. */
  readonly profileState: ProfileState;
}

/** The main path of every flow, the one its sequence diagram shows. */
export const SCENARIOS: Readonly<Record<FlowName, Scenario>> = {
  inlineDownload: {
    flow: 'inlineDownload',
    summary: 'the portal hands over an activation code and stays open; the profile downloads, is enabled and registers on the home network',
    call: { kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata, activationCode: SAMPLE_ACTIVATION_CODE },
    success: 'connected',
    profileState: 'absent',
  },
  delayedDownload: {
    flow: 'delayedDownload',
    summary: `the portal asks for a download in ${SAMPLE_DELAY_MINUTES} minutes; when the delay ends the user accepts the toast and the profile downloads and connects`,
    call: { kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata, activationCode: SAMPLE_ACTIVATION_CODE, downloadDelay: SAMPLE_DELAY_MINUTES },
    success: 'connected',
    profileState: 'absent',
  },
  asyncConnectivity: {
    flow: 'asyncConnectivity',
    summary: `the app takes over, downloads and enables the profile at once, and registers after the ${SAMPLE_DELAY_MINUTES}-minute interval`,
    call: { kind: 'purchaseWithProfileDownload', entryPoint: 'MobilePlans.notifyPurchaseWithProfileDownload', metadata, activationCode: SAMPLE_ACTIVATION_CODE, networkRegistrationInterval: SAMPLE_DELAY_MINUTES },
    success: 'connected',
    profileState: 'absent',
  },
  delayedProfile: {
    flow: 'delayedProfile',
    summary: `the app takes over, waits ${SAMPLE_DELAY_MINUTES} minutes, finds the profile on SM-DS, downloads, enables and registers it`,
    call: { kind: 'delayedProfile', entryPoint: 'DataMart.notifyPurchaseDelayedProfile', metadata, profileDownloadDelayInterval: SAMPLE_DELAY_MINUTES },
    success: 'connected',
    profileState: 'absent',
  },
  balanceAddition: {
    flow: 'balanceAddition',
    summary: 'the portal adds balance to a profile that is on the eUICC but not active; the app enables it and it registers',
    call: { kind: 'balanceAddition', entryPoint: 'MobilePlansInlineOperations.notifyBalanceAddition', metadata, iccid: SAMPLE_ICCID },
    success: 'connected',
    profileState: 'disabled',
  },
  cancelledPurchase: {
    flow: 'cancelledPurchase',
    summary: 'the user leaves the purchase; the portal says so and the app takes over',
    call: { kind: 'cancelledPurchase', entryPoint: 'MobilePlans.notifyCancelledPurchase', metadata: cancelledMetadata },
    success: 'purchaseCancelled',
    profileState: 'absent',
  },
  legacyResult: {
    flow: 'legacyResult',
    summary: 'a 2018 portal sends a successful v1 payload with an activation code; the app downloads, enables and registers the profile',
    call: {
      kind: 'purchaseResult',
      entryPoint: 'DataMart.notifyPurchaseResult',
      payload: JSON.stringify({
        ver: '1',
        success: true,
        purchaseResult: JSON.stringify(metadata),
        transactionId: SAMPLE_TRANSACTION_ID,
        activationCode: SAMPLE_ACTIVATION_CODE,
        iccid: '',
      }),
    },
    success: 'connected',
    profileState: 'absent',
  },
};
