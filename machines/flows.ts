import { asyncConnectivityFlow } from './asyncConnectivity';
import { balanceAdditionFlow } from './balanceAddition';
import { cancelledPurchaseFlow } from './cancelledPurchase';
import { delayedDownloadFlow } from './delayedDownload';
import { delayedProfileFlow } from './delayedProfile';
import type { FlowDefinition } from './definition';
import { inlineDownloadFlow } from './inlineDownload';
import { legacyResultFlow } from './legacyResult';
import type { FlowName } from './types';

/** Every flow's statechart definition by flow name: the specification the core runs. */
export const flows: Readonly<Record<FlowName, FlowDefinition>> = {
  inlineDownload: inlineDownloadFlow,
  delayedDownload: delayedDownloadFlow,
  asyncConnectivity: asyncConnectivityFlow,
  delayedProfile: delayedProfileFlow,
  balanceAddition: balanceAdditionFlow,
  cancelledPurchase: cancelledPurchaseFlow,
  legacyResult: legacyResultFlow,
};

/** The list of flow names, in the order the docs present them. */
export const FLOW_NAMES = Object.keys(flows) as FlowName[];
