import { beginDownload, downloadEndings, downloadStates, enableAndRegisterOnce, rejected, reportingEnd } from './fragments';
import { defineFlow } from './definition';

/**
 * Delayed download (`notifyProfileDownload(md, ac, downloadDelay)` with a delay): scheduled
 * until the rounded delay ends, cancellable until the toast appears; the user then starts the
 * download, or dismisses it and may start it later from the app until it expires.
 */
export const delayedDownloadFlow = defineFlow({
  id: 'delayedDownload',
  initial: 'received',
  states: {
    received: {
      on: {
        'operation.start': [
          { guard: 'inputRejected', target: 'rejected' },
          {
            target: 'scheduled',
            actions: ['setStartAt', { type: 'showScheduled', params: ({ context }) => ({ at: context.startAt ?? 0 }) }],
          },
        ],
      },
    },
    // The cancel window: notifyOperationCancel succeeds only here, before the toast (spec: "Cancel eSIM profile download").
    scheduled: {
      deadline: { after: 'delay', target: 'toastShown' },
      on: { 'portal.cancel': 'cancelled' },
    },
    // An ignored toast counts as dismissed once its lifetime ends.
    toastShown: {
      entry: 'showToast',
      exit: 'hideToast',
      deadline: { after: 'toastLifetime', target: 'awaitingUser' },
      on: {
        'user.toastAccepted': beginDownload,
        'user.toastDismissed': 'awaitingUser',
      },
    },
    awaitingUser: {
      deadline: { after: 'awaitingUser', target: 'expired' },
      on: { 'user.startDownload': beginDownload },
    },
    ...downloadStates,
    ...enableAndRegisterOnce,
    ...downloadEndings,
    cancelled: reportingEnd('cancelled'),
    expired: reportingEnd('expired'),
    rejected,
  },
});
