import { asyncConnectivityMachine } from './asyncConnectivity';
import { balanceAdditionMachine } from './balanceAddition';
import { cancelledPurchaseMachine } from './cancelledPurchase';
import { delayedDownloadMachine } from './delayedDownload';
import { delayedProfileMachine } from './delayedProfile';
import { inlineDownloadMachine } from './inlineDownload';
import { legacyResultMachine } from './legacyResult';
import type { FlowName } from './types';

export { asyncConnectivityMachine, balanceAdditionMachine, cancelledPurchaseMachine, delayedDownloadMachine };
export { delayedProfileMachine, inlineDownloadMachine, legacyResultMachine };
export { flowSetup, initialContext } from './setup';
export type * from './types';

/** Every flow machine by flow name: the statecharts that are the specification. */
export const machines = {
  inlineDownload: inlineDownloadMachine,
  delayedDownload: delayedDownloadMachine,
  asyncConnectivity: asyncConnectivityMachine,
  delayedProfile: delayedProfileMachine,
  balanceAddition: balanceAdditionMachine,
  cancelledPurchase: cancelledPurchaseMachine,
  legacyResult: legacyResultMachine,
} as const satisfies Record<FlowName, unknown>;

/** The list of flow names, in the order the docs present them. */
export const FLOW_NAMES = Object.keys(machines) as FlowName[];
