import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMING } from '../../machines/definition';
import type { PortalCall } from '../../src/core/inputs';
import { createState, DEFAULT_CONFIG } from '../../src/core/state';
import { step } from '../../src/core/step';

/* What a core made without configuration does: the documented defaults, not just their names. */

const cancelled: PortalCall = { kind: 'cancelledPurchase', entryPoint: 'MobilePlans.notifyCancelledPurchase', metadata: {} };

describe('a core without configuration', () => {
  it('has the documented defaults: 15-minute rounding, 100 finished operations, 20 callbacks, the default timing', () => {
    expect(createState().config).toEqual({ delayGranularityMinutes: 15, retainFinished: 100, maxCallbackHistory: 20, timing: DEFAULT_TIMING });
    expect(DEFAULT_CONFIG.timing).toBe(DEFAULT_TIMING);
    // The default timing object itself, so its runtime and machines are found without a lookup by value.
    expect(createState().config.timing).toBe(DEFAULT_TIMING);
  });

  it('keeps the latest 100 finished operations', () => {
    const state = createState();
    for (let i = 0; i < 101; i++) step(state, { type: 'portal.call', now: i, call: cancelled });
    expect(Object.keys(state.finished)).toHaveLength(100);
    expect(Object.keys(state.finished)[0]).toBe('op-2');
  });

  it('rounds a delay up to 15 minutes', () => {
    const state = createState();
    const { commands } = step(state, { type: 'portal.call', now: 0, call: { kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata: {}, activationCode: '1$smdp.example.com$DEFAULTS-1', downloadDelay: 1 } });
    expect(commands.filter((c) => c.type === 'scheduler.set')).toMatchObject([{ at: 15 * 60_000 }]);
  });

  it('takes a partial timing over the defaults', () => {
    expect(createState({ timing: { maxConfirmationAttempts: 1 } }).config.timing).toEqual({ ...DEFAULT_TIMING, maxConfirmationAttempts: 1 });
  });
});
