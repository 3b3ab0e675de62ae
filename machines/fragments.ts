import { defineState } from './definition';
import type { ActivationError, NetworkRegistrationState } from '../src/domain/enums';
import type { FlowContext, FlowEvent, Outcome } from './types';

/*
 * The states several flows share, written once. Each flow file picks the pieces it needs
 * and names its own entry into them. Conventions the core relies on:
 * - entry actions take params from context only (the core replays them after a restart);
 * - a state with a deadline arms it on entry and clears it on exit;
 * - every final state reports, and only final states do.
 */

const arm = { type: 'armDeadline', params: ({ context }: { context: FlowContext }) => ({ at: context.deadline ?? 0 }) } as const;
const disarm = ['clearDeadline', 'noDeadline'] as const;

/** Entering the confirmation-code prompt: its deadline counts from now (decision D39). */
export const promptDeadline = { type: 'setDeadline', params: { from: 'confirmationPrompt' } } as const;

// enabling, registering and checkingProfile are entered only once the ICCID is known (a download,
// or a valid balance ICCID), so the fallback is never used.
// Stryker disable next-line StringLiteral: see above
const knownIccid = (context: FlowContext): string => context.iccid ?? '';
// Every transition into failed sets the failure first, and only refused input leads to rejected.
// Stryker disable next-line StringLiteral: see above
const orUnknown = (error: ActivationError | null): ActivationError => error ?? 'unknownError';

/** The transitions that begin a download: ask for the confirmation code first when the code says so. */
export const beginDownload = [
  { guard: 'confirmationCodeRequired', target: 'confirmationCode', actions: [promptDeadline] },
  { target: 'downloading' },
] as const;

/** Prompt for a confirmation code, download, enable. */
export const downloadStates = {
  confirmationCode: defineState({
    entry: [{ type: 'promptConfirmationCode', params: ({ context }) => ({ attempt: context.confirmationAttempts + 1 }) }, arm],
    exit: disarm,
    on: {
      'user.confirmationCode': { target: 'downloading', actions: 'countConfirmation' },
      'user.abort': { target: 'failed', actions: { type: 'fail', params: { error: 'operationAborted' } } },
      // Nobody answered the prompt: the operation ends instead of waiting forever (decision D39).
      'timer.fired': { guard: 'deadlinePassed', target: 'failed', actions: { type: 'fail', params: { error: 'timeoutWaitingForUserConsent' } } },
    },
  }),
  downloading: defineState({
    entry: [{ type: 'showProgress', params: { stage: 'downloading', percent: null } }, 'download'],
    on: {
      'lpa.progress': {
        actions: {
          type: 'showProgress',
          params: ({ event }) => ({ stage: 'downloading', percent: event.type === 'lpa.progress' ? event.percent : null }),
        },
      },
      'lpa.downloaded': { target: 'enabling', actions: 'rememberIccid' },
      'lpa.failed': [
        { guard: 'confirmationCodeAsked', target: 'confirmationCode', actions: promptDeadline },
        { target: 'failed', actions: 'failWithEventError' },
      ],
    },
  }),
};

/**
 * Enable the profile, tell the portal, and follow registration.
 * `retry`: async connectivity waits its interval first and retries on a bounded schedule;
 * the other flows register at once and make one attempt.
 */
export function enableAndRegisterStates(options: { retry: boolean }) {
  const register = { target: 'registering', actions: ['countRegistration', { type: 'setDeadline', params: { from: 'registrationTimeout' } }] } as const;
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
  // Async connectivity tries again after a denied or timed-out attempt while attempts are left.
  const retryLater = { type: 'setDeadline', params: { from: 'registrationRetry' } } as const;
  const followRegistration = ['rememberRegistration', registrationChanged] as const;

  const enabling = defineState({
    entry: [
      { type: 'showProgress', params: { stage: 'enabling', percent: null } },
      { type: 'enable', params: ({ context }) => ({ iccid: knownIccid(context) }) },
    ],
    on: {
      'lpa.enabled': options.retry
        ? [
            { guard: 'registrationDelayed', target: 'waitingToRegister', actions: [activated, { type: 'setDeadline', params: { from: 'delay' } }] },
            { ...register, actions: [activated, ...register.actions] },
          ]
        : { ...register, actions: [activated, ...register.actions] },
      'lpa.failed': { target: 'failed', actions: 'failWithEventError' },
    },
  });
  const registering = defineState({
    entry: [
      { type: 'showProgress', params: { stage: 'registering', percent: null } },
      { type: 'register', params: ({ context }) => ({ iccid: knownIccid(context) }) },
      arm,
    ],
    exit: disarm,
    on: {
      'modem.registration': [
        { guard: 'registrationSucceeded', target: 'connected', actions: followRegistration },
        ...(options.retry
          ? [{ guard: 'registrationDeniedWithAttemptsLeft', target: 'waitingToRegister', actions: [...followRegistration, retryLater] } as const]
          : []),
        { guard: 'registrationDenied', target: 'notConnected', actions: followRegistration },
        { actions: followRegistration },
      ],
      'timer.fired': [
        ...(options.retry ? [{ guard: 'registrationTimedOutWithAttemptsLeft', target: 'waitingToRegister', actions: retryLater } as const] : []),
        { guard: 'deadlinePassed', target: 'notConnected' },
      ],
      // The modem named why it cannot register (e.g. modemNotFound): no timeout will change that (decision D38).
      'modem.failed': { target: 'modemFailed', actions: 'failWithEventError' },
    },
  });
  const waitingToRegister = defineState({
    entry: arm,
    exit: disarm,
    on: { 'timer.fired': { guard: 'deadlinePassed', ...register } },
  });
  return options.retry ? { enabling, waitingToRegister, registering } : { enabling, registering };
}

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

export { arm, disarm };
