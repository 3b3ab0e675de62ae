import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMING } from '../../machines/definition';
import type { Command, Report } from '../../src/core/commands';
import type { Input, PortalCall } from '../../src/core/inputs';
import { createState } from '../../src/core/state';
import { step } from '../../src/core/step';
import { COMPLETE_METADATA } from '../support/world';

/*
 * The transitions the world-based flow tests do not take, each through the pure core: retries and
 * their bounds, refused input in every flow that takes it, the progress the user sees, what a
 * discovered code changes. Each checks what leaves the core (commands, reports), not the state.
 */

const MINUTE = 60_000;
const CODE = '1$smdp.example.com$LESS-TRAVELLED-1';
const CONFIRM_CODE = '1$smdp.example.com$LESS-TRAVELLED-2$$1';
const FOUND_CONFIRM_CODE = '1$smds.example.com$LESS-TRAVELLED-3$$1';
const ICCID = '89012345678901234566';

type Event = { type: Exclude<Input['type'], 'portal.call'> } & Record<string, unknown>;

/** One operation on a fresh core: the hand-off, then events for it; every command kept in order. */
function operation(call: PortalCall) {
  const state = createState();
  const commands: Command[] = [];
  const first = step(state, { type: 'portal.call', now: 0, call });
  if (first.reply.type !== 'operation') throw new Error(`the hand-off was refused: ${JSON.stringify(first.reply)}`);
  const id = first.reply.operationId;
  commands.push(...first.commands);
  return {
    id,
    commands,
    send(event: Event) {
      const result = step(state, { operationId: id, timerId: id, ...event } as unknown as Input);
      commands.push(...result.commands);
      return result.reply;
    },
    types: () => commands.map((c) => c.type),
    reports: (): Report[] => commands.flatMap((c) => (c.type === 'report' ? [c.report] : [])),
    /** The deadline the core armed last. */
    armedAt: () => commands.flatMap((c) => (c.type === 'scheduler.set' ? [c.at] : [])).at(-1),
  };
}

const inline = (activationCode = CODE): Extract<PortalCall, { kind: 'profileDownload' }> => ({ kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata: COMPLETE_METADATA, activationCode });
const delayed = (activationCode: string): PortalCall => ({ ...inline(activationCode), downloadDelay: 15 });
const asyncPurchase = (activationCode = CODE): PortalCall => ({
  kind: 'purchaseWithProfileDownload',
  entryPoint: 'MobilePlans.notifyPurchaseWithProfileDownload',
  metadata: COMPLETE_METADATA,
  activationCode,
  networkRegistrationInterval: 0,
});
const delayedProfile: PortalCall = { kind: 'delayedProfile', entryPoint: 'DataMart.notifyPurchaseDelayedProfile', metadata: COMPLETE_METADATA, profileDownloadDelayInterval: 15 };
const balance = (iccid: string): PortalCall => ({ kind: 'balanceAddition', entryPoint: 'MobilePlans.notifyBalanceAddition', metadata: COMPLETE_METADATA, iccid });
const legacy = (fields: Record<string, unknown>): PortalCall => ({
  kind: 'purchaseResult',
  entryPoint: 'DataMart.notifyPurchaseResult',
  payload: JSON.stringify({ ver: '1', purchaseResult: JSON.stringify(COMPLETE_METADATA), ...fields }),
});

describe('what the user sees', () => {
  it('progress names its stage: downloading (with the LPA percent), enabling, registering', () => {
    const op = operation(inline());
    op.send({ type: 'lpa.progress', now: 1, percent: 40 });
    op.send({ type: 'lpa.downloaded', now: 2, iccid: ICCID });
    op.send({ type: 'lpa.enabled', now: 3 });
    const progress = op.commands.flatMap((c) => (c.type === 'ui.progress' ? [[c.stage, c.percent]] : []));
    expect(progress).toEqual([['downloading', null], ['downloading', 40], ['enabling', null], ['registering', null]]);
  });

  it('the delayed profile shows when discovery is due: the rounded interval from the hand-off', () => {
    const op = operation(delayedProfile);
    expect(op.commands.filter((c) => c.type === 'ui.scheduled')).toEqual([{ type: 'ui.scheduled', operationId: op.id, at: 15 * MINUTE }]);
  });
});

describe('refused input', () => {
  it('a delayed download with an invalid code is rejected at once, without scheduling anything', () => {
    const op = operation(delayed('2$smdp.example.com$NOT-A-CODE'));
    expect(op.types()).not.toContain('scheduler.set');
    expect(op.reports()).toMatchObject([{ flow: 'delayedDownload', outcome: 'rejected', activationResult: 'invalidActivationCode' }]);
  });

  it('async connectivity with an invalid code returns to the app and is rejected', () => {
    const op = operation(asyncPurchase('2$smdp.example.com$NOT-A-CODE'));
    expect(op.types().filter((t) => t !== 'diagnostic')).toEqual(['ui.returnToApp', 'report']);
    expect(op.reports()).toMatchObject([{ flow: 'asyncConnectivity', outcome: 'rejected', activationResult: 'invalidActivationCode' }]);
  });
});

describe('retries and their bounds', () => {
  it('async connectivity retries a timed-out registration after the retry wait, then gives up as not connected', () => {
    const op = operation(asyncPurchase());
    op.send({ type: 'lpa.downloaded', now: 1, iccid: ICCID });
    op.send({ type: 'lpa.enabled', now: 2 });
    for (let attempt = 1; attempt <= DEFAULT_TIMING.maxRegistrationAttempts; attempt++) {
      expect(op.commands.filter((c) => c.type === 'modem.register')).toHaveLength(attempt);
      const timeout = op.armedAt()!;
      op.send({ type: 'timer.fired', now: timeout });
      if (attempt < DEFAULT_TIMING.maxRegistrationAttempts) {
        expect(op.armedAt()).toBe(timeout + DEFAULT_TIMING.registrationRetryMs);
        op.send({ type: 'timer.fired', now: op.armedAt()! });
      }
    }
    expect(op.reports()).toMatchObject([{ outcome: 'notConnected' }]);
  });

  it('a balance addition that enables a profile makes one registration attempt: denied is not connected at once', () => {
    const op = operation(balance(ICCID));
    op.send({ type: 'lpa.profile', now: 1, state: 'disabled' });
    op.send({ type: 'lpa.enabled', now: 2 });
    op.send({ type: 'modem.registration', now: 3, iccid: ICCID, state: 'denied' });
    expect(op.reports()).toMatchObject([{ flow: 'balanceAddition', outcome: 'notConnected', registrationState: 'denied' }]);
  });

  it('a legacy download makes one registration attempt too', () => {
    const op = operation(legacy({ success: true, activationCode: CODE }));
    op.send({ type: 'lpa.downloaded', now: 1, iccid: ICCID });
    op.send({ type: 'lpa.enabled', now: 2 });
    op.send({ type: 'modem.registration', now: 3, iccid: ICCID, state: 'denied' });
    expect(op.reports()).toMatchObject([{ flow: 'legacyResult', outcome: 'notConnected' }]);
  });

  it('a balance addition whose profile query fails ends with that error', () => {
    const op = operation(balance(ICCID));
    op.send({ type: 'lpa.failed', now: 1, error: 'serverNotReachable' });
    expect(op.reports()).toMatchObject([{ outcome: 'failed', activationResult: 'serverNotReachable' }]);
  });

  it('the delayed profile retries a failed discovery while attempts are left, then fails with the LPA error', () => {
    const op = operation(delayedProfile);
    op.send({ type: 'timer.fired', now: op.armedAt()! });
    for (let attempt = 1; attempt < DEFAULT_TIMING.maxDiscoveryAttempts; attempt++) {
      const failedAt = 15 * MINUTE + attempt;
      op.send({ type: 'lpa.failed', now: failedAt, error: 'serverNotReachable' });
      expect(op.armedAt()).toBe(failedAt + DEFAULT_TIMING.discoveryRetryMs);
      op.send({ type: 'timer.fired', now: op.armedAt()! });
    }
    expect(op.commands.filter((c) => c.type === 'lpa.discover')).toHaveLength(DEFAULT_TIMING.maxDiscoveryAttempts);
    expect(op.reports()).toEqual([]);
    op.send({ type: 'lpa.failed', now: 99 * MINUTE, error: 'serverNotReachable' });
    expect(op.reports()).toMatchObject([{ outcome: 'failed', activationResult: 'serverNotReachable' }]);
  });

  it('a wrong confirmation code is asked for again up to the bound, then the download fails with the LPA error', () => {
    const op = operation(inline(CONFIRM_CODE));
    for (let attempt = 1; attempt <= DEFAULT_TIMING.maxConfirmationAttempts; attempt++) {
      op.send({ type: 'user.confirmationCode', now: attempt, code: `000${attempt}` });
      op.send({ type: 'lpa.failed', now: attempt, error: 'incorrectConfirmationCode' });
    }
    const prompts = op.commands.flatMap((c) => (c.type === 'ui.confirmationCode' ? [c.attempt] : []));
    expect(prompts).toEqual([1, 2, 3]);
    expect(op.reports()).toMatchObject([{ outcome: 'failed', activationResult: 'incorrectConfirmationCode' }]);
  });
});

describe('what a discovered code changes', () => {
  it('a discovered code that needs a confirmation code prompts first, and the report names the discovered code', () => {
    const op = operation(delayedProfile);
    op.send({ type: 'timer.fired', now: op.armedAt()! });
    op.send({ type: 'lpa.discovered', now: 16 * MINUTE, activationCode: FOUND_CONFIRM_CODE });
    // The prompt, then its deadline (decision D39).
    expect(op.types().slice(-2)).toEqual(['ui.confirmationCode', 'scheduler.set']);
    expect(op.types()).not.toContain('lpa.download');
    op.send({ type: 'user.confirmationCode', now: 17 * MINUTE, code: '4711' });
    expect(op.commands.filter((c) => c.type === 'lpa.download')).toMatchObject([{ activationCode: FOUND_CONFIRM_CODE, confirmationCode: '4711' }]);
    op.send({ type: 'lpa.downloaded', now: 18 * MINUTE, iccid: ICCID });
    op.send({ type: 'lpa.enabled', now: 19 * MINUTE });
    op.send({ type: 'modem.registration', now: 20 * MINUTE, iccid: ICCID, state: 'home' });
    expect(op.reports()).toMatchObject([{ outcome: 'connected', activationCode: '1$smds.example.com$***$$1' }]);
  });
});

describe('the legacy routes return to the app first', () => {
  it.each([
    ['an abandoned purchase', { success: false }, 'purchaseCancelled'],
    ['a download needing a confirmation code', { success: true, activationCode: CONFIRM_CODE }, 'ui.confirmationCode'],
    ['a balance addition', { success: true, iccid: ICCID }, 'lpa.queryProfile'],
  ])('%s', (_, fields, next) => {
    const op = operation(legacy(fields));
    const types = op.types().filter((t) => t !== 'diagnostic');
    expect(types[0]).toBe('ui.returnToApp');
    if (next === 'purchaseCancelled') expect(op.reports()).toMatchObject([{ outcome: 'purchaseCancelled' }]);
    else expect(types).toContain(next);
  });
});

describe('timers and codes out of turn', () => {
  it('a stray timer in a state without a deadline arms nothing, even one left by the state before', () => {
    const op = operation(delayed(CODE));
    op.send({ type: 'timer.fired', now: op.armedAt()! }); // the toast
    const toastDeadline = op.armedAt()!;
    op.send({ type: 'user.toastAccepted', now: 15 * MINUTE + 1 });
    expect(op.types()).toContain('lpa.download');
    const before = op.commands.length;
    expect(op.send({ type: 'timer.fired', now: toastDeadline - 1 })).toMatchObject({ type: 'ignored' });
    expect(op.commands.slice(before)).toEqual([]);
  });

  it('a confirmation code given when none was asked for is ignored and does not replace the one given', () => {
    const op = operation(inline(CONFIRM_CODE));
    op.send({ type: 'user.confirmationCode', now: 1, code: '1111' });
    expect(op.send({ type: 'user.confirmationCode', now: 2, code: '2222' })).toMatchObject({ type: 'ignored' });
    op.send({ type: 'restore', now: 3 }); // a restart issues the interrupted download again, with the code kept
    expect(op.commands.filter((c) => c.type === 'lpa.download')).toMatchObject([{ confirmationCode: '1111' }, { confirmationCode: '1111' }]);
  });
});
