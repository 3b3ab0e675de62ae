import { checkingProfile, downloadEndings, enableAndRegisterOnce, rejected, reportingEnd } from './fragments';
import { defineFlow } from './definition';

/**
 * Balance addition (`notifyBalanceAddition(md)` and `notifyBalanceAddition(md, iccid)`): back to
 * the app; with an ICCID, an active profile is done, an inactive one is enabled and registered,
 * an absent one fails with `profileNotPresent`, a malformed one with `invalidIccid`.
 */
export const balanceAdditionFlow = defineFlow({
  id: 'balanceAddition',
  initial: 'received',
  states: {
    received: {
      on: {
        'operation.start': [
          { guard: 'inputRejected', target: 'rejected', actions: 'returnToApp' },
          { guard: 'hasIccid', target: 'checkingProfile', actions: 'returnToApp' },
          { target: 'balanceAdded', actions: 'returnToApp' },
        ],
      },
    },
    checkingProfile,
    ...enableAndRegisterOnce,
    ...downloadEndings,
    balanceAdded: reportingEnd('balanceAdded'),
    rejected,
  },
});
