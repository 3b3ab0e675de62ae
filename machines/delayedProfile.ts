import { arm, disarm, downloadEndings, downloadStates, enableAndRegisterStates, promptDeadline, reportingEnd } from './fragments';
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
      entry: arm,
      exit: disarm,
      on: {
        'portal.cancel': 'cancelled',
        'timer.fired': { guard: 'deadlinePassed', target: 'discovering', actions: 'countDiscovery' },
      },
    },
    discovering: {
      entry: 'discover',
      on: {
        'lpa.discovered': [
          { guard: 'discoveredCodeNeedsConfirmation', target: 'confirmationCode', actions: ['rememberCode', promptDeadline] },
          { target: 'downloading', actions: 'rememberCode' },
        ],
        'lpa.nothingDiscovered': [
          { guard: 'discoveryAttemptsLeft', target: 'retryingDiscovery', actions: { type: 'setDeadline', params: { from: 'discoveryRetry' } } },
          { target: 'failed', actions: { type: 'fail', params: { error: 'profileNotPresent' } } },
        ],
        'lpa.failed': [
          { guard: 'discoveryAttemptsLeft', target: 'retryingDiscovery', actions: { type: 'setDeadline', params: { from: 'discoveryRetry' } } },
          { target: 'failed', actions: 'failWithEventError' },
        ],
      },
    },
    retryingDiscovery: {
      entry: arm,
      exit: disarm,
      on: { 'timer.fired': { guard: 'deadlinePassed', target: 'discovering', actions: 'countDiscovery' } },
    },
    ...downloadStates,
    // Stryker disable next-line ObjectLiteral: options without retry read as retry: false
    ...enableAndRegisterStates({ retry: false }),
    ...downloadEndings,
    cancelled: reportingEnd('cancelled'),
  },
});
