import { beginDownload, downloadEndings, downloadStates, enableAndRegisterOnce, rejected } from './fragments';
import { defineFlow } from './definition';

/**
 * Inline download (`MobilePlansInlineOperations.notifyProfileDownload(md, ac)` and its 2018
 * forms): the portal stays open while the host downloads, enables and registers, and hears
 * back through `profileActivationComplete` and `registrationChanged`.
 */
export const inlineDownloadFlow = defineFlow({
  id: 'inlineDownload',
  initial: 'received',
  states: {
    received: {
      on: {
        'operation.start': [{ guard: 'inputRejected', target: 'rejected' }, ...beginDownload],
      },
    },
    ...downloadStates,
    ...enableAndRegisterOnce,
    ...downloadEndings,
    rejected,
  },
});
