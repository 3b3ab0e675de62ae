import { reportingEnd } from './fragments';
import { defineFlow } from './definition';

/** Cancelled purchase (`notifyCancelledPurchase(md)`): report and return to the app. */
export const cancelledPurchaseFlow = defineFlow({
  id: 'cancelledPurchase',
  initial: 'received',
  states: {
    received: {
      on: { 'operation.start': { target: 'purchaseCancelled', actions: 'returnToApp' } },
    },
    purchaseCancelled: reportingEnd('purchaseCancelled'),
  },
});
