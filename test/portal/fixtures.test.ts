import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/commands';
import { DORMANT_ICCID, fixture, openPortalPage, type PortalPage } from './page';

/** One portal scenario: a fixture, what the page calls, how the device is driven, what must be seen. */
interface Scenario {
  readonly name: string;
  readonly fixture: string;
  readonly call: string;
  readonly drive?: (page: PortalPage) => Promise<void>;
  readonly flow: Report['flow'];
  readonly outcome: Report['outcome'];
  /** Exactly what the page logged, in order. */
  readonly log?: readonly string[];
  /** The normalized metadata the report carries. */
  readonly metadata?: Report['metadata'];
  /** Diagnostic codes expected (default none). */
  readonly diagnostics?: readonly string[];
}

const minutes = (n: number) => async (page: PortalPage) => page.sim.advance(n);
const inlineLog = ['activation success', expect.stringMatching(/^activated 89\d+$/), 'registration searching', 'registration home', 'connected'];
const datamartLog = ['activation success', 'activated', 'registration searching', 'registration home', 'connected'];
const complete = { userAccount: 'New', purchaseInstrument: 'New', lineType: 'New', moDirectStatus: 'Complete' } as const;

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'an inline download with callback names (one a dotted path) connects and tells the page each step',
    fixture: 'current-inline.js',
    call: 'downloadNow()',
    drive: minutes(1),
    flow: 'inlineDownload',
    outcome: 'connected',
    log: inlineLog,
    metadata: { userAccount: 'Existing', purchaseInstrument: 'New', lineType: 'New', moDirectStatus: 'Complete', planName: '5GB Monthly' },
  },
  {
    name: 'a delayed download waits 15 minutes for the toast, then downloads when the user accepts it',
    fixture: 'current-inline.js',
    call: 'downloadLater()',
    drive: async (page) => {
      await page.sim.advance(14);
      expect(page.sim.device.ui.toasts()).toEqual([]);
      await page.sim.advance(1);
      page.sim.acceptToast();
      await page.sim.advance(1);
    },
    flow: 'delayedDownload',
    outcome: 'connected',
    log: inlineLog,
  },
  {
    name: 'a delayed download cancelled inside its window is cancelled and never downloads',
    fixture: 'current-inline.js',
    call: 'downloadLaterThenChangeMind()',
    drive: minutes(60),
    flow: 'delayedDownload',
    outcome: 'cancelled',
    log: ['cancelled true'],
  },
  {
    name: 'a cancel after the toast is refused with false and the download still happens',
    fixture: 'current-inline.js',
    call: 'var later = downloadLater()',
    drive: async (page) => {
      await page.sim.advance(15);
      page.run('cancelSaved(later)');
      page.sim.acceptToast();
      await page.sim.advance(1);
    },
    flow: 'delayedDownload',
    outcome: 'connected',
    log: ['cancelled false', ...inlineLog],
  },
  {
    name: 'an invalid activation code ends at once with the invalidActivationCode callback',
    fixture: 'current-inline.js',
    call: 'downloadWithBadCode()',
    flow: 'inlineDownload',
    outcome: 'rejected',
    log: ['activation invalidActivationCode'],
    diagnostics: ['invalidActivationCode'],
  },
  {
    name: 'a 2018 inline download with function references on DataMartInlineProfile connects',
    fixture: 'datamart-inline.js',
    call: 'inlineFrom2018()',
    drive: minutes(1),
    flow: 'inlineDownload',
    outcome: 'connected',
    log: datamartLog,
    metadata: { userAccount: 'New', purchaseInstrument: 'Existing', lineType: 'Existing', moDirectStatus: 'Complete', planName: 'Travel 1GB' },
  },
  {
    name: 'MobilePlansInlineProfile uses the scripts set on MobilePlansInlineProfileDownload (one shared store)',
    fixture: 'datamart-inline.js',
    call: 'inlineThroughProfileObject()',
    drive: minutes(1),
    flow: 'inlineDownload',
    outcome: 'connected',
    log: datamartLog,
  },
  {
    name: 'MobilePlansInlineProfileDownload uses script names set on MobilePlansInlineProfile',
    fixture: 'datamart-inline.js',
    call: 'inlineThroughProfileDownloadObject()',
    drive: minutes(1),
    flow: 'inlineDownload',
    outcome: 'connected',
    log: datamartLog,
  },
  {
    name: 'MobilePlans.notifyPurchaseWithProfileDownload returns to the app and registers after the interval',
    fixture: 'async-connectivity.js',
    call: 'connectLaterCurrent()',
    drive: async (page) => {
      expect(page.sim.device.ui.view().portalShown).toBe(false);
      await page.sim.advance(14);
      expect(page.sim.operations()[0]?.state).toBe('waitingToRegister');
      await page.sim.advance(2);
    },
    flow: 'asyncConnectivity',
    outcome: 'connected',
    log: [],
    metadata: { ...complete, planName: 'Unlimited' },
  },
  {
    name: "the first draft's DataMart.notifyPurchaseWithProfileDownload with plain strings and interval 0 registers at once",
    fixture: 'async-connectivity.js',
    call: 'connectNowDraft()',
    drive: minutes(1),
    flow: 'asyncConnectivity',
    outcome: 'connected',
    metadata: { userAccount: 'New', purchaseInstrument: 'Existing', lineType: 'New', moDirectStatus: 'Complete', planName: '2GB Monthly' },
  },
  {
    name: 'DataMart.notifyPurchaseDelayedProfile finds the profile on SM-DS after the interval',
    fixture: 'delayed-profile.js',
    call: 'profileFromSmdsDataMart()',
    drive: async (page) => {
      await page.sim.advance(14);
      expect(page.sim.operations()[0]?.state).toBe('waiting');
      await page.sim.advance(2);
    },
    flow: 'delayedProfile',
    outcome: 'connected',
  },
  {
    name: 'MobilePlans.notifyPurchaseDelayedProfile accepts the interval as a string of digits',
    fixture: 'delayed-profile.js',
    call: 'profileFromSmdsMobilePlans()',
    drive: async (page) => {
      await page.sim.advance(29);
      expect(page.sim.operations()[0]?.state).toBe('waiting');
      await page.sim.advance(2);
    },
    flow: 'delayedProfile',
    outcome: 'connected',
  },
  { name: 'MobilePlansInlineOperations.notifyBalanceAddition without an ICCID adds balance', fixture: 'balance-addition.js', call: 'topUpInline()', flow: 'balanceAddition', outcome: 'balanceAdded' },
  {
    name: 'MobilePlans.notifyBalanceAddition takes the None values',
    fixture: 'balance-addition.js',
    call: 'topUpMobilePlans()',
    flow: 'balanceAddition',
    outcome: 'balanceAdded',
    metadata: { userAccount: 'None', purchaseInstrument: 'None', lineType: 'None', moDirectStatus: 'Complete', planName: 'Extra 1GB' },
  },
  {
    name: 'notifyBalanceAddition with the ICCID of a dormant profile enables it and connects',
    fixture: 'balance-addition.js',
    call: `topUpAndSwitch('${DORMANT_ICCID}')`,
    drive: minutes(1),
    flow: 'balanceAddition',
    outcome: 'connected',
  },
  {
    name: 'DataMart.notifyBalanceAddition with the ICCID of a dormant profile enables it and connects',
    fixture: 'balance-addition.js',
    call: `topUpDataMart('${DORMANT_ICCID}')`,
    drive: minutes(1),
    flow: 'balanceAddition',
    outcome: 'connected',
  },
  {
    name: 'MobilePlans.notifyCancelledPurchase reports Cancelled and Bailed with an empty plan name',
    fixture: 'cancelled-purchase.js',
    call: 'giveUpCurrent()',
    flow: 'cancelledPurchase',
    outcome: 'purchaseCancelled',
    metadata: { userAccount: 'Bailed', purchaseInstrument: 'None', lineType: 'Bailed', moDirectStatus: 'Cancelled', planName: '' },
  },
  {
    name: 'DataMart.notifyCancelledPurchase reads the modirectStatus and lineType spellings',
    fixture: 'cancelled-purchase.js',
    call: 'giveUp2018()',
    flow: 'cancelledPurchase',
    outcome: 'purchaseCancelled',
    metadata: { userAccount: 'New', purchaseInstrument: 'Bailed', lineType: 'Bailed', moDirectStatus: 'Cancelled', planName: '' },
  },
  {
    name: 'a legacy eSIM payload string with purchaseResult as a JSON string downloads and connects',
    fixture: 'legacy-result.js',
    call: 'legacyEsim()',
    drive: minutes(1),
    flow: 'legacyResult',
    outcome: 'connected',
    metadata: { ...complete, planName: '2GB Monthly' },
  },
  {
    name: 'a legacy physical-SIM payload with purchaseResult as an object and the Iccid key enables that profile',
    fixture: 'legacy-result.js',
    call: `legacyPhysicalSim('${DORMANT_ICCID}')`,
    drive: minutes(1),
    flow: 'legacyResult',
    outcome: 'connected',
    metadata: { ...complete, planName: '2GB Monthly' },
  },
  {
    name: 'a legacy abandoned payload is a cancelled purchase',
    fixture: 'legacy-result.js',
    call: 'legacyAbandoned()',
    flow: 'legacyResult',
    outcome: 'purchaseCancelled',
    metadata: { userAccount: 'Bailed', purchaseInstrument: 'None', lineType: 'None', moDirectStatus: 'None', planName: '' },
  },
  {
    name: 'a legacy payload that is not JSON is rejected with invalidJson',
    fixture: 'legacy-result.js',
    call: 'legacyGarbage()',
    flow: 'legacyResult',
    outcome: 'rejected',
    diagnostics: ['invalidJson'],
  },
];

describe('portal fixtures on a page at https://portal.example.com/buy', () => {
  for (const scenario of SCENARIOS) {
    it(scenario.name, async () => {
      const page = openPortalPage({ transactionId: 'txn-42' });
      page.run(fixture(scenario.fixture), scenario.fixture);
      page.run(scenario.call);
      await page.settle();
      await scenario.drive?.(page);
      await page.settle();

      const [operation, ...others] = page.sim.operations();
      expect(others).toEqual([]);
      expect(operation).toMatchObject({ flow: scenario.flow, live: false, outcome: scenario.outcome });
      const reports = page.sim.reports();
      expect(reports).toHaveLength(1);
      expect(reports[0]).toMatchObject({ operationId: operation?.id, transactionId: 'txn-42', flow: scenario.flow, outcome: scenario.outcome });
      if (scenario.metadata !== undefined) expect(reports[0]?.metadata).toEqual(scenario.metadata);
      if (scenario.log !== undefined) expect(page.log).toEqual(scenario.log);
      const delivered = reports[0]?.callbacks.filter((c) => c.delivered).map((c) => c.args);
      expect(page.callbacks.map((c) => c.args)).toEqual(delivered);
      const problems = page.notices.filter((n) => n.diagnostic.severity === 'error' || n.diagnostic.code === 'invalidCallback');
      expect(problems.map((n) => n.diagnostic.code)).toEqual(scenario.diagnostics ?? []);
    });
  }

  it('a hand-off returns a frozen MobilePlansOperationContext the page can keep', () => {
    const page = openPortalPage();
    page.run(fixture('current-inline.js'));
    const op = page.run('var op = downloadLater(); op') as { id: string };
    expect(op).toEqual({ id: 'op-1' });
    expect(page.run('Object.isFrozen(op) && op.Id === op.id')).toBe(true);
  });
});
