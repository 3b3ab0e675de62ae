import { assign, setup } from 'xstate';
import type { ActivationError, NetworkRegistrationState } from '../src/domain/enums';
import type { FlowContext, FlowEvent, FlowInput, FlowTiming, Outcome, ProgressStage } from './types';

const MINUTE = 60_000;

/** The durations and bounds of every flow unless the host configures others. */
export const DEFAULT_TIMING: FlowTiming = {
  registrationTimeoutMs: 5 * MINUTE,
  registrationRetryMs: 15 * MINUTE,
  maxRegistrationAttempts: 4,
  discoveryRetryMs: 15 * MINUTE,
  maxDiscoveryAttempts: 4,
  maxConfirmationAttempts: 3,
  toastLifetimeMs: 24 * 60 * MINUTE,
  awaitingUserLifetimeMs: 7 * 24 * 60 * MINUTE,
};

const CONNECTED: readonly NetworkRegistrationState[] = ['home', 'roaming', 'partner'];
const CONFIRMATION_ERRORS: readonly ActivationError[] = ['confirmationCodeMissing', 'incorrectConfirmationCode'];

/** The initial context of every flow, from the core's input. */
export function initialContext(input: FlowInput): FlowContext {
  return {
    operationId: input.operationId,
    delayMs: input.delayMs,
    createdAt: input.now,
    code: input.code ?? null,
    iccid: input.iccid ?? null,
    inputError: input.inputError ?? null,
    legacyRoute: input.legacyRoute ?? null,
    deadline: null,
    startAt: null,
    confirmationAttempts: 0,
    registrationAttempts: 0,
    discoveryAttempts: 0,
    failure: null,
    registrationState: null,
  };
}

/** Which duration a deadline is counted with, from the event's time. */
export type DeadlineFrom = 'delay' | 'toastLifetime' | 'awaitingUser' | 'registrationTimeout' | 'registrationRetry' | 'discoveryRetry';

function offset(t: FlowTiming, context: FlowContext, from: DeadlineFrom): number {
  switch (from) {
    case 'delay': return context.delayMs;
    case 'toastLifetime': return t.toastLifetimeMs;
    case 'awaitingUser': return t.awaitingUserLifetimeMs;
    case 'registrationTimeout': return t.registrationTimeoutMs;
    case 'registrationRetry': return t.registrationRetryMs;
    case 'discoveryRetry': return t.discoveryRetryMs;
  }
}

type Args = { context: FlowContext; event: FlowEvent };

/**
 * The actions and guards that read the host's timing. They close over it instead of reading
 * a copy in every context: `withTiming` gives a machine other timing through `machine.provide`.
 */
function timed(timing: FlowTiming) {
  return {
    actions: {
      setDeadline: assign(({ context, event }: Args, params: { from: DeadlineFrom }) => ({
        deadline: event.now + offset(timing, context, params.from),
      })),
    },
    guards: {
      confirmationCodeAsked: ({ context, event }: Args) =>
        event.type === 'lpa.failed' &&
        CONFIRMATION_ERRORS.includes(event.error) &&
        context.confirmationAttempts < timing.maxConfirmationAttempts,
      registrationAttemptsLeft: ({ context }: Args) => context.registrationAttempts < timing.maxRegistrationAttempts,
      discoveryAttemptsLeft: ({ context }: Args) => context.discoveryAttempts < timing.maxDiscoveryAttempts,
    },
  };
}

const defaults = timed(DEFAULT_TIMING).guards;

/**
 * The one `setup()` every flow machine is built from: effects are named actions with empty
 * bodies (the core turns them into commands), decisions are named guards.
 * Entry actions take their params from context alone, so the core can replay them on restore.
 */
export const flowSetup = setup({
  types: {
    context: {} as FlowContext,
    events: {} as FlowEvent,
    input: {} as FlowInput,
  },
  actions: {
    armDeadline: (_, _params: { at: number }) => {},
    clearDeadline: () => {},
    download: () => {},
    discover: () => {},
    enable: (_, _params: { iccid: string }) => {},
    queryProfile: (_, _params: { iccid: string }) => {},
    register: (_, _params: { iccid: string }) => {},
    showProgress: (_, _params: { stage: ProgressStage; percent: number | null }) => {},
    showScheduled: (_, _params: { at: number }) => {},
    showToast: () => {},
    hideToast: () => {},
    promptConfirmationCode: (_, _params: { attempt: number }) => {},
    returnToApp: () => {},
    activationComplete: (_, _params: { activationResult: ActivationError; iccid: string | null }) => {},
    registrationChanged: (_, _params: { state: NetworkRegistrationState; iccid: string | null }) => {},
    report: (_, _params: { outcome: Outcome; activationResult: ActivationError | null }) => {},
    // The same as timed(DEFAULT_TIMING).actions.setDeadline, written inline so setup() infers its params.
    setDeadline: assign(({ context, event }, params: { from: DeadlineFrom }) => ({ deadline: event.now + offset(DEFAULT_TIMING, context, params.from) })),
    setStartAt: assign(({ context, event }) => ({ startAt: event.now + context.delayMs, deadline: event.now + context.delayMs })),
    noDeadline: assign({ deadline: null }),
    fail: assign((_, params: { error: ActivationError }) => ({ failure: params.error })),
    failWithEventError: assign(({ event }) => ({ failure: event.type === 'lpa.failed' ? event.error : 'unknownError' })),
    failWithInputError: assign(({ context }) => ({ failure: context.inputError ?? 'unknownError' })),
    rememberIccid: assign(({ context, event }) => ({ iccid: event.type === 'lpa.downloaded' ? event.iccid : context.iccid })),
    rememberCode: assign(({ context, event }) => ({ code: event.type === 'lpa.discovered' ? event.code : context.code })),
    rememberRegistration: assign(({ context, event }) => ({
      registrationState: event.type === 'modem.registration' ? event.state : context.registrationState,
    })),
    countConfirmation: assign(({ context }) => ({ confirmationAttempts: context.confirmationAttempts + 1 })),
    countRegistration: assign(({ context }) => ({ registrationAttempts: context.registrationAttempts + 1 })),
    countDiscovery: assign(({ context }) => ({ discoveryAttempts: context.discoveryAttempts + 1 })),
  },
  guards: {
    deadlinePassed: ({ context, event }) =>
      event.type === 'timer.fired' && context.deadline !== null && event.now >= context.deadline,
    inputRejected: ({ context }) => context.inputError !== null,
    confirmationCodeRequired: ({ context }) => context.code?.confirmationCodeRequired === true,
    discoveredCodeNeedsConfirmation: ({ event }) => event.type === 'lpa.discovered' && event.code.confirmationCodeRequired,
    confirmationCodeAsked: defaults.confirmationCodeAsked,
    registrationAttemptsLeft: defaults.registrationAttemptsLeft,
    discoveryAttemptsLeft: defaults.discoveryAttemptsLeft,
    registrationDelayed: ({ context }) => context.delayMs > 0,
    registrationSucceeded: ({ event }) => event.type === 'modem.registration' && CONNECTED.includes(event.state),
    registrationDenied: ({ event }) => event.type === 'modem.registration' && event.state === 'denied',
    hasIccid: ({ context }) => context.iccid !== null,
    profileEnabled: ({ event }) => event.type === 'lpa.profile' && event.state === 'enabled',
    profileDisabled: ({ event }) => event.type === 'lpa.profile' && event.state === 'disabled',
    legacyRoute: ({ context }, params: { route: FlowContext['legacyRoute'] }) => context.legacyRoute === params.route,
  },
});

/** The machine type every flow shares. */
export type FlowMachine = ReturnType<typeof flowSetup.createMachine>;

/** `machine` with the actions and guards that read timing closed over `timing` instead of the defaults. */
export function withTiming<M extends { provide(implementations: never): M }>(machine: M, timing: FlowTiming): M {
  return machine.provide(timed(timing) as never);
}
