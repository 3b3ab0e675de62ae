import { arm, beginDownload, disarm, downloadEndings, downloadStates, enableAndRegisterStates, rejected, reportingEnd } from './fragments';
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
      entry: arm,
      exit: disarm,
      on: {
        'portal.cancel': 'cancelled',
        'timer.fired': { guard: 'deadlinePassed', target: 'toastShown', actions: { type: 'setDeadline', params: { from: 'toastLifetime' } } },
      },
    },
    toastShown: {
      entry: ['showToast', arm],
      exit: ['hideToast', ...disarm],
      on: {
        'user.toastAccepted': beginDownload,
        'user.toastDismissed': { target: 'awaitingUser', actions: { type: 'setDeadline', params: { from: 'awaitingUser' } } },
        'timer.fired': { guard: 'deadlinePassed', target: 'awaitingUser', actions: { type: 'setDeadline', params: { from: 'awaitingUser' } } },
      },
    },
    awaitingUser: {
      entry: arm,
      exit: disarm,
      on: {
        'user.startDownload': beginDownload,
        'timer.fired': { guard: 'deadlinePassed', target: 'expired' },
      },
    },
    ...downloadStates,
    // Stryker disable next-line ObjectLiteral: options without retry read as retry: false
    ...enableAndRegisterStates({ retry: false }),
    ...downloadEndings,
    cancelled: reportingEnd('cancelled'),
    expired: reportingEnd('expired'),
    rejected,
  },
});
