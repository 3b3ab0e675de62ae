import { downloadEndings, downloadStates, enableAndRegisterWithRetries, rejected } from './fragments';
import { defineFlow } from './definition';

/**
 * Asynchronous connectivity (`MobilePlans.notifyPurchaseWithProfileDownload(md, ac, interval)`,
 * `DataMart.notifyPurchaseWithProfileDownload`): back to the app, download and enable now,
 * wait the rounded interval (0 = at once), then register with bounded retries.
 */
export const asyncConnectivityFlow = defineFlow({
  id: 'asyncConnectivity',
  initial: 'received',
  states: {
    received: {
      on: {
        'operation.start': [
          { guard: 'inputRejected', target: 'rejected', actions: 'returnToApp' },
          { guard: 'confirmationCodeRequired', target: 'confirmationCode', actions: 'returnToApp' },
          { target: 'downloading', actions: 'returnToApp' },
        ],
      },
    },
    ...downloadStates,
    ...enableAndRegisterWithRetries,
    ...downloadEndings,
    rejected,
  },
});
