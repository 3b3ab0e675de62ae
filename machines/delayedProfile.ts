import { downloadEndings, downloadStates, enableAndRegisterOnce, reportingEnd } from './fragments';
import { defineFlow } from './definition';

/**
 * Delayed profile via SM-DS (`DataMart.notifyPurchaseDelayedProfile(md, interval)`): back to
 * the app, wait the rounded interval (cancellable until discovery starts), discover the profile
 * on SM-DS with bounded retries, then download, enable and register.
 */
export const delayedProfileFlow = defineFlow({
  id: 'delayedProfile',
  initial: 'received',
  states: {
    received: {
      on: {
        'operation.start': {
          target: 'waiting',
          actions: ['returnToApp', 'setStartAt', { type: 'showScheduled', params: ({ context }) => ({ at: context.startAt ?? 0 }) }],
        },
      },
    },
    waiting: {
      deadline: { after: 'delay', target: 'discovering', actions: 'countDiscovery' },
      on: { 'portal.cancel': 'cancelled' },
    },
    discovering: {
      entry: 'discover',
      on: {
        'lpa.discovered': [
          { guard: 'discoveredCodeNeedsConfirmation', target: 'confirmationCode', actions: 'rememberCode' },
          { target: 'downloading', actions: 'rememberCode' },
        ],
        'lpa.nothingDiscovered': [
          { guard: 'discoveryAttemptsLeft', target: 'retryingDiscovery' },
          { target: 'failed', actions: { type: 'fail', params: { error: 'profileNotPresent' } } },
        ],
        'lpa.failed': [
          { guard: 'discoveryAttemptsLeft', target: 'retryingDiscovery' },
          { target: 'failed', actions: 'failWithEventError' },
        ],
      },
    },
    retryingDiscovery: { deadline: { after: 'discoveryRetry', target: 'discovering', actions: 'countDiscovery' } },
    ...downloadStates,
    ...enableAndRegisterOnce,
    ...downloadEndings,
    cancelled: reportingEnd('cancelled'),
  },
});
