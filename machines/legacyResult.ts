import { checkingProfile, downloadEndings, downloadStates, enableAndRegisterOnce, rejected, reportingEnd } from './fragments';
import { defineFlow } from './definition';

const route = (name: 'download' | 'balance' | 'physical' | 'cancelled') => ({ type: 'legacyRoute', params: { route: name } }) as const;

/**
 * Legacy result (`DataMart.notifyPurchaseResult(payload)`, decision D10 in docs/decisions.md): back to the app,
 * then a success with a code downloads and connects, a success with the physical SIM's ICCID is
 * a physical-SIM purchase, a success with another ICCID only is a balance addition, anything
 * else a cancelled purchase; an unparsable payload is `invalidJson`.
 */
export const legacyResultFlow = defineFlow({
  id: 'legacyResult',
  initial: 'received',
  states: {
    received: {
      on: {
        'operation.start': [
          { guard: 'inputRejected', target: 'rejected', actions: 'returnToApp' },
          { guard: route('cancelled'), target: 'purchaseCancelled', actions: 'returnToApp' },
          { guard: route('physical'), target: 'physicalSimPurchased', actions: 'returnToApp' },
          { guard: route('balance'), target: 'checkingProfile', actions: 'returnToApp' },
          { guard: 'legacyDownloadNeedsConfirmation', target: 'confirmationCode', actions: 'returnToApp' },
          { target: 'downloading', actions: 'returnToApp' },
        ],
      },
    },
    checkingProfile,
    ...downloadStates,
    ...enableAndRegisterOnce,
    ...downloadEndings,
    balanceAdded: reportingEnd('balanceAdded'),
    // A physical SIM's plan needs nothing from the eUICC: the purchase succeeded (decision D37).
    physicalSimPurchased: reportingEnd('physicalSimPurchased'),
    purchaseCancelled: reportingEnd('purchaseCancelled'),
    rejected,
  },
});
