import { describe, expect, it } from 'vitest';
import { masked } from '../src/testing/scenarios';
import { DEFAULT_TIMING, initialContext, timingKey } from './definition';
import { EFFECT_NAMES, guardsFor, updatesFor, type FlowArgs } from './runtime';
import { FLOW_NAMES, flows } from './flows';
import { machinesFor } from './xstate';
import type { FlowContext, FlowEvent } from './types';

/*
 * The named decisions and context updates of the flows, each on its own: what it means for the
 * event it is written for, and that it says no to the events and contexts it is not. The flows
 * use some of them only after an event of one type (a deadline only on `timer.fired`), so the
 * flow tests alone cannot tell a guard that checks the event from one that does not.
 */

const T = 1_000_000;
const CODE = masked('1$smdp.example.com$DEF-TEST-1');
const CONFIRM_CODE = masked('1$smdp.example.com$DEF-TEST-2$$1');

const context = (changes: Partial<FlowContext> = {}): FlowContext => ({ ...initialContext({ operationId: 'op-1', now: T, delayMs: 0 }), ...changes });
const args = (event: FlowEvent, changes: Partial<FlowContext> = {}): FlowArgs => ({ context: context(changes), event });

// Built inside each test, never at collection: mutation testing counts only what a test runs.
const guards = () => guardsFor(DEFAULT_TIMING);
const updates = () => updatesFor(DEFAULT_TIMING);

describe('the guards', () => {
  it('deadlinePassed: a timer at or after an armed deadline, and nothing else', () => {
    expect(guards().deadlinePassed(args({ type: 'timer.fired', now: T + 10 }, { deadline: T + 10 }), undefined)).toBe(true);
    expect(guards().deadlinePassed(args({ type: 'timer.fired', now: T + 11 }, { deadline: T + 10 }), undefined)).toBe(true);
    expect(guards().deadlinePassed(args({ type: 'timer.fired', now: T + 9 }, { deadline: T + 10 }), undefined)).toBe(false);
    expect(guards().deadlinePassed(args({ type: 'timer.fired', now: T + 10 }, { deadline: null }), undefined)).toBe(false);
    expect(guards().deadlinePassed(args({ type: 'user.abort', now: T + 10 }, { deadline: T + 10 }), undefined)).toBe(false);
  });

  it('registrationDenied and registrationSucceeded: the modem said denied, or home, roaming or partner', () => {
    const registration = (state: Extract<FlowEvent, { type: 'modem.registration' }>['state']) => args({ type: 'modem.registration', now: T, state });
    expect(guards().registrationDenied(registration('denied'), undefined)).toBe(true);
    expect(guards().registrationDenied(registration('searching'), undefined)).toBe(false);
    expect(guards().registrationDenied(args({ type: 'lpa.failed', now: T, error: 'serverNotReachable' }), undefined)).toBe(false);
    for (const state of ['home', 'roaming', 'partner'] as const) expect(guards().registrationSucceeded(registration(state), undefined)).toBe(true);
    for (const state of ['none', 'searching', 'denied', 'deregistered'] as const) expect(guards().registrationSucceeded(registration(state), undefined)).toBe(false);
    expect(guards().registrationSucceeded(args({ type: 'lpa.enabled', now: T }), undefined)).toBe(false);
  });

  it('registration retries: denied or timed out, only while attempts are left', () => {
    const max = DEFAULT_TIMING.maxRegistrationAttempts;
    const denied: FlowEvent = { type: 'modem.registration', now: T, state: 'denied' };
    const late: FlowEvent = { type: 'timer.fired', now: T + 5 };
    expect(guards().registrationDeniedWithAttemptsLeft(args(denied, { registrationAttempts: max - 1 }), undefined)).toBe(true);
    expect(guards().registrationDeniedWithAttemptsLeft(args(denied, { registrationAttempts: max }), undefined)).toBe(false);
    expect(guards().registrationTimedOutWithAttemptsLeft(args(late, { deadline: T + 5, registrationAttempts: max - 1 }), undefined)).toBe(true);
    expect(guards().registrationTimedOutWithAttemptsLeft(args(late, { deadline: T + 5, registrationAttempts: max }), undefined)).toBe(false);
    expect(guards().registrationTimedOutWithAttemptsLeft(args(late, { deadline: T + 6, registrationAttempts: 0 }), undefined)).toBe(false);
  });

  it('confirmation codes: asked for by the code, by a discovered code, by the LPA while attempts are left', () => {
    expect(guards().confirmationCodeRequired(args({ type: 'user.toastAccepted', now: T }, { code: CONFIRM_CODE }), undefined)).toBe(true);
    expect(guards().confirmationCodeRequired(args({ type: 'user.toastAccepted', now: T }, { code: CODE }), undefined)).toBe(false);
    expect(guards().confirmationCodeRequired(args({ type: 'user.toastAccepted', now: T }, { code: null }), undefined)).toBe(false);
    expect(guards().discoveredCodeNeedsConfirmation(args({ type: 'lpa.discovered', now: T, code: CONFIRM_CODE }), undefined)).toBe(true);
    expect(guards().discoveredCodeNeedsConfirmation(args({ type: 'lpa.discovered', now: T, code: CODE }), undefined)).toBe(false);
    expect(guards().discoveredCodeNeedsConfirmation(args({ type: 'lpa.nothingDiscovered', now: T }, { code: CONFIRM_CODE }), undefined)).toBe(false);
    const max = DEFAULT_TIMING.maxConfirmationAttempts;
    const failed = (error: 'confirmationCodeMissing' | 'incorrectConfirmationCode' | 'serverNotReachable'): FlowEvent => ({ type: 'lpa.failed', now: T, error });
    expect(guards().confirmationCodeAsked(args(failed('confirmationCodeMissing'), { confirmationAttempts: 0 }), undefined)).toBe(true);
    expect(guards().confirmationCodeAsked(args(failed('incorrectConfirmationCode'), { confirmationAttempts: max - 1 }), undefined)).toBe(true);
    expect(guards().confirmationCodeAsked(args(failed('incorrectConfirmationCode'), { confirmationAttempts: max }), undefined)).toBe(false);
    expect(guards().confirmationCodeAsked(args(failed('serverNotReachable'), { confirmationAttempts: 0 }), undefined)).toBe(false);
    expect(guards().confirmationCodeAsked(args({ type: 'lpa.downloaded', now: T, iccid: '8901' }), undefined)).toBe(false);
    expect(guards().confirmationCodeAsked(args({ type: 'modem.failed', now: T, error: 'confirmationCodeMissing' }, { confirmationAttempts: 0 }), undefined)).toBe(false);
  });

  it('the profile answers: enabled or disabled, from an lpa.profile answer only', () => {
    const profile = (state: 'enabled' | 'disabled' | 'absent') => args({ type: 'lpa.profile', now: T, state });
    expect([guards().profileEnabled(profile('enabled'), undefined), guards().profileEnabled(profile('disabled'), undefined)]).toEqual([true, false]);
    expect([guards().profileDisabled(profile('disabled'), undefined), guards().profileDisabled(profile('absent'), undefined)]).toEqual([true, false]);
    expect(guards().profileEnabled(args({ type: 'lpa.enabled', now: T }), undefined)).toBe(false);
    expect(guards().profileDisabled(args({ type: 'lpa.enabled', now: T }), undefined)).toBe(false);
  });

  it('the legacy routes: a download needs a confirmation code only when its route is download and its code says so', () => {
    const start: FlowEvent = { type: 'operation.start', now: T };
    expect(guards().legacyDownloadNeedsConfirmation(args(start, { legacyRoute: 'download', code: CONFIRM_CODE }), undefined)).toBe(true);
    expect(guards().legacyDownloadNeedsConfirmation(args(start, { legacyRoute: 'download', code: CODE }), undefined)).toBe(false);
    expect(guards().legacyDownloadNeedsConfirmation(args(start, { legacyRoute: 'balance', code: CONFIRM_CODE }), undefined)).toBe(false);
    expect(guards().legacyRoute(args(start, { legacyRoute: 'balance' }), { route: 'balance' })).toBe(true);
    expect(guards().legacyRoute(args(start, { legacyRoute: 'balance' }), { route: 'cancelled' })).toBe(false);
  });
});

describe('the context updates', () => {
  it('remember what their own event carries, and keep the context for any other event', () => {
    const before = { iccid: '8901', code: CODE, registrationState: 'searching' as const };
    expect(updates().rememberIccid(args({ type: 'lpa.downloaded', now: T, iccid: '8902' }, before), undefined)).toEqual({ iccid: '8902' });
    expect(updates().rememberIccid(args({ type: 'lpa.enabled', now: T }, before), undefined)).toEqual({ iccid: '8901' });
    expect(updates().rememberCode(args({ type: 'lpa.discovered', now: T, code: CONFIRM_CODE }, before), undefined)).toEqual({ code: CONFIRM_CODE });
    expect(updates().rememberCode(args({ type: 'lpa.enabled', now: T }, before), undefined)).toEqual({ code: CODE });
    expect(updates().rememberRegistration(args({ type: 'modem.registration', now: T, state: 'home' }, before), undefined)).toEqual({ registrationState: 'home' });
    expect(updates().rememberRegistration(args({ type: 'lpa.enabled', now: T }, before), undefined)).toEqual({ registrationState: 'searching' });
  });

  it('fail with the event error, the input error or the given one; unknownError when there is none', () => {
    expect(updates().failWithEventError(args({ type: 'lpa.failed', now: T, error: 'serverNotReachable' }), undefined)).toEqual({ failure: 'serverNotReachable' });
    expect(updates().failWithEventError(args({ type: 'timer.fired', now: T }), undefined)).toEqual({ failure: 'unknownError' });
    expect(updates().failWithInputError(args({ type: 'operation.start', now: T }, { inputError: 'invalidIccid' }), undefined)).toEqual({ failure: 'invalidIccid' });
    expect(updates().failWithInputError(args({ type: 'operation.start', now: T }), undefined)).toEqual({ failure: 'unknownError' });
    expect(updates().fail(args({ type: 'user.abort', now: T }), { error: 'operationAborted' })).toEqual({ failure: 'operationAborted' });
  });

  it('set and clear the deadline from the event time', () => {
    const event: FlowEvent = { type: 'timer.fired', now: T };
    expect(updates().setDeadline(args(event), { after: 'toastLifetime' })).toEqual({ deadline: T + DEFAULT_TIMING.toastLifetimeMs });
    expect(updates().setDeadline(args(event, { delayMs: 60_000 }), { after: 'delay' })).toEqual({ deadline: T + 60_000 });
    expect(updates().setStartAt(args(event, { delayMs: 60_000 }), undefined)).toEqual({ startAt: T + 60_000 });
    expect(updates().noDeadline(args(event, { deadline: T }), undefined)).toEqual({ deadline: null });
  });
});

describe('timings', () => {
  it('two timings whose numbers read the same run together have their own machines and guards', () => {
    // 4 then 33, and 43 then 3: the same digits, different bounds.
    const few = { ...DEFAULT_TIMING, maxDiscoveryAttempts: 4, maxConfirmationAttempts: 33 };
    const many = { ...DEFAULT_TIMING, maxDiscoveryAttempts: 43, maxConfirmationAttempts: 3 };
    expect(timingKey(few)).not.toBe(timingKey(many));
    expect(machinesFor(few)).not.toBe(machinesFor(many));
    expect(timingKey({ ...few })).toBe(timingKey(few));
  });
});

describe('the flows', () => {
  it('each carries its own name as its id (the xstate machine id, the docs and errors use it)', () => {
    expect(FLOW_NAMES.map((name) => flows[name].id)).toEqual(FLOW_NAMES);
    expect(FLOW_NAMES.map((name) => machinesFor(DEFAULT_TIMING)[name].id)).toEqual(FLOW_NAMES);
  });

  it('each xstate machine declares every effect and update by name, for provide() and the Stately tools to list', () => {
    const names = [...EFFECT_NAMES, ...Object.keys(updates())].sort();
    expect(EFFECT_NAMES).toEqual(expect.arrayContaining(['armDeadline', 'download', 'report']));
    for (const name of FLOW_NAMES) expect(Object.keys(machinesFor(DEFAULT_TIMING)[name].implementations.actions).sort()).toEqual(names);
  });
});

describe('the context guards and counters', () => {
  it('inputRejected, hasIccid, registrationDelayed, discoveryAttemptsLeft read the context', () => {
    const e: FlowEvent = { type: 'lpa.enabled', now: T };
    expect([guards().inputRejected(args(e, { inputError: 'invalidJson' }), undefined), guards().inputRejected(args(e), undefined)]).toEqual([true, false]);
    expect([guards().hasIccid(args(e, { iccid: '8988247000101997790' }), undefined), guards().hasIccid(args(e), undefined)]).toEqual([true, false]);
    expect([guards().registrationDelayed(args(e, { delayMs: 1 }), undefined), guards().registrationDelayed(args(e, { delayMs: 0 }), undefined)]).toEqual([true, false]);
    const max = DEFAULT_TIMING.maxDiscoveryAttempts;
    expect([guards().discoveryAttemptsLeft(args(e, { discoveryAttempts: max - 1 }), undefined), guards().discoveryAttemptsLeft(args(e, { discoveryAttempts: max }), undefined)]).toEqual([true, false]);
  });

  it('countConfirmation and countDiscovery add one', () => {
    const e: FlowEvent = { type: 'lpa.enabled', now: T };
    expect(updates().countConfirmation(args(e, { confirmationAttempts: 2 }), undefined)).toEqual({ confirmationAttempts: 3 });
    expect(updates().countDiscovery(args(e, { discoveryAttempts: 4 }), undefined)).toEqual({ discoveryAttempts: 5 });
  });
});
