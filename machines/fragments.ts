import { defineState } from './definition';
import type { ActivationError, NetworkRegistrationState } from '../src/domain/enums';
import type { FlowContext, FlowEvent, Outcome } from './types';

/*
 * The states several flows share, written once. Each flow file picks the pieces it needs
 * and names its own entry into them. Conventions the core relies on:
 * - entry actions take params from context only (the core replays them after a restart);
 * - a state's deadline is its `deadline` property, expanded for the runtimes by machines/deadline.ts;
 * - every final state reports, and only final states do.
 */

// enabling, registering and checkingProfile are entered only once the ICCID is known (a download,
// or a valid balance ICCID), so the fallback is never used.
// Stryker disable next-line StringLiteral: see above
const knownIccid = (context: FlowContext): string => context.iccid ?? '';
// Every transition into failed sets the failure first, and only refused input leads to rejected.
// Stryker disable next-line StringLiteral: see above
const orUnknown = (error: ActivationError | null): ActivationError => error ?? 'unknownError';

/** The transitions that begin a download: ask for the confirmation code first when the code says so. */
export const beginDownload = [
  { guard: 'confirmationCodeRequired', target: 'confirmationCode' },
  { target: 'downloading' },
] as const;

/** Prompt for a confirmation code, download, enable. */
export const downloadStates = {
  confirmationCode: defineState({
    entry: { type: 'promptConfirmationCode', params: ({ context }) => ({ attempt: context.confirmationAttempts + 1 }) },
    // Nobody answered the prompt: the operation ends instead of waiting forever (decision D39).
    deadline: { after: 'confirmationPrompt', target: 'failed', actions: { type: 'fail', params: { error: 'timeoutWaitingForUserConsent' } } },
    on: {
      'user.confirmationCode': { target: 'downloading', actions: 'countConfirmation' },
      'user.abort': { target: 'failed', actions: { type: 'fail', params: { error: 'operationAborted' } } },
    },
  }),
  downloading: defineState({
    entry: [{ type: 'showProgress', params: { stage: 'downloading', percent: null } }, 'download'],
    on: {
      'lpa.progress': {
        actions: {
          type: 'showProgress',
          // Stryker disable next-line ConditionalExpression: equivalent; these params are only built on lpa.progress (the check narrows the type)
          params: ({ event }) => ({ stage: 'downloading', percent: event.type === 'lpa.progress' ? event.percent : null }),
        },
      },
      'lpa.downloaded': { target: 'enabling', actions: 'rememberIccid' },
      'lpa.failed': [
        { guard: 'confirmationCodeAsked', target: 'confirmationCode' },
        { target: 'failed', actions: 'failWithEventError' },
      ],
    },
  }),
};

const register = { target: 'registering', actions: ['countRegistration'] } as const;
const activated = {
  type: 'activationComplete',
  params: ({ context }: { context: FlowContext }) => ({ activationResult: 'success' as const, iccid: context.iccid }),
} as const;
const registrationChanged = {
  type: 'registrationChanged',
  params: ({ context, event }: { context: FlowContext; event: FlowEvent }): { state: NetworkRegistrationState; iccid: string | null } => ({
    state: event.type === 'modem.registration' ? event.state : 'none',
    iccid: context.iccid,
  }),
} as const;
const followRegistration = ['rememberRegistration', registrationChanged] as const;

const enablingEntry = [
  { type: 'showProgress', params: { stage: 'enabling', percent: null } },
  { type: 'enable', params: ({ context }: { context: FlowContext }) => ({ iccid: knownIccid(context) }) },
] as const;
const registerNow = { ...register, actions: [activated, ...register.actions] } as const;
const enablingFailed = { target: 'failed', actions: 'failWithEventError' } as const;

const registeringEntry = [
  { type: 'showProgress', params: { stage: 'registering', percent: null } },
  { type: 'register', params: ({ context }: { context: FlowContext }) => ({ iccid: knownIccid(context) }) },
] as const;
const registered = { guard: 'registrationSucceeded', target: 'connected', actions: followRegistration } as const;
const denied = { guard: 'registrationDenied', target: 'notConnected', actions: followRegistration } as const;
const stillRegistering = { actions: followRegistration } as const;
// The modem named why it cannot register (e.g. modemNotFound): no timeout will change that (decision D38).
const modemFailed = { target: 'modemFailed', actions: 'failWithEventError' } as const;

/** Enable the profile, tell the portal, and follow one registration attempt: every flow but async connectivity. */
export const enableAndRegisterOnce = {
  enabling: defineState({ entry: enablingEntry, on: { 'lpa.enabled': registerNow, 'lpa.failed': enablingFailed } }),
  registering: defineState({
    entry: registeringEntry,
    deadline: { after: 'registrationTimeout', target: 'notConnected' },
    on: { 'modem.registration': [registered, denied, stillRegistering], 'modem.failed': modemFailed },
  }),
};

/**
 * Async connectivity: enable the profile and tell the portal, wait the rounded interval first
 * (none when it is 0), then register, trying again after a denied or timed-out attempt while
 * attempts are left.
 */
export const enableAndRegisterWithRetries = {
  enabling: defineState({
    entry: enablingEntry,
    on: { 'lpa.enabled': [{ guard: 'registrationDelayed', target: 'waitingToRegister', actions: activated }, registerNow], 'lpa.failed': enablingFailed },
  }),
  // The interval before the first attempt, the retry interval after a failed one.
  waitingToRegister: defineState({ deadline: { after: 'registrationWait', ...register } }),
  registering: defineState({
    entry: registeringEntry,
    deadline: { after: 'registrationTimeout', target: 'notConnected', first: { guard: 'registrationTimedOutWithAttemptsLeft', target: 'waitingToRegister' } },
    on: {
      'modem.registration': [registered, { guard: 'registrationDeniedWithAttemptsLeft', target: 'waitingToRegister', actions: followRegistration }, denied, stillRegistering],
      'modem.failed': modemFailed,
    },
  }),
};

function reportOn(outcome: Outcome) {
  const activated = outcome === 'connected' || outcome === 'notConnected';
  return { type: 'report', params: { outcome, activationResult: activated ? 'success' : null } } as const;
}

/** The ends every downloading flow shares. */
export const downloadEndings = {
  connected: defineState({ type: 'final', entry: reportOn('connected') }),
  notConnected: defineState({ type: 'final', entry: reportOn('notConnected') }),
  // Activated, but the modem cannot register: the report names the modem's error (decision D38).
  modemFailed: defineState({
    type: 'final',
    entry: { type: 'report', params: ({ context }) => ({ outcome: 'modemFailed', activationResult: orUnknown(context.failure) }) },
  }),
  failed: defineState({
    type: 'final',
    entry: [
      { type: 'activationComplete', params: ({ context }) => ({ activationResult: orUnknown(context.failure), iccid: context.iccid }) },
      { type: 'report', params: ({ context }) => ({ outcome: 'failed', activationResult: orUnknown(context.failure) }) },
    ],
  }),
};

/** Balance addition with an ICCID: ask the eUICC about the profile (spec: "Adding balance and activate eSIM profile"). */
export const checkingProfile = defineState({
  entry: { type: 'queryProfile', params: ({ context }) => ({ iccid: knownIccid(context) }) },
  on: {
    'lpa.profile': [
      { guard: 'profileEnabled', target: 'balanceAdded' },
      { guard: 'profileDisabled', target: 'enabling' },
      { target: 'failed', actions: { type: 'fail', params: { error: 'profileNotPresent' } } },
    ],
    'lpa.failed': { target: 'failed', actions: 'failWithEventError' },
  },
});

/** Refused input (invalid activation code, ICCID or JSON): the error callback and the report. */
export const rejected = defineState({
  type: 'final',
  entry: [
    { type: 'activationComplete', params: ({ context }) => ({ activationResult: orUnknown(context.inputError), iccid: context.iccid }) },
    { type: 'report', params: ({ context }) => ({ outcome: 'rejected', activationResult: orUnknown(context.inputError) }) },
  ],
});

/** A final state that only reports. */
export function reportingEnd(outcome: Outcome) {
  return defineState({ type: 'final', entry: reportOn(outcome) });
}
