import { reportingEnd } from './fragments';
import { flowSetup, initialContext } from './setup';

/** Cancelled purchase (`notifyCancelledPurchase(md)`): report and return to the app. */
export const cancelledPurchaseMachine = flowSetup.createMachine({
  id: 'cancelledPurchase',
  context: ({ input }) => initialContext(input),
  initial: 'received',
  states: {
    received: {
      on: { 'operation.start': { target: 'purchaseCancelled', actions: 'returnToApp' } },
    },
    purchaseCancelled: reportingEnd('purchaseCancelled'),
  },
});
