import { assign, setup } from 'xstate';
import type { ActivationError, NetworkRegistrationState } from '../src/domain/enums';
import type { FlowContext, FlowEvent, FlowInput, Outcome, ProgressStage } from './types';

const CONNECTED: readonly NetworkRegistrationState[] = ['home', 'roaming', 'partner'];
const CONFIRMATION_ERRORS: readonly ActivationError[] = ['confirmationCodeMissing', 'incorrectConfirmationCode'];

/** The initial context of every flow, from the core's input. */
export function initialContext(input: FlowInput): FlowContext {
  return {
    operationId: input.operationId,
    timing: input.timing,
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

function offset(context: FlowContext, from: DeadlineFrom): number {
  const t = context.timing;
  switch (from) {
    case 'delay': return context.delayMs;
    case 'toastLifetime': return t.toastLifetimeMs;
    case 'awaitingUser': return t.awaitingUserLifetimeMs;
    case 'registrationTimeout': return t.registrationTimeoutMs;
    case 'registrationRetry': return t.registrationRetryMs;
    case 'discoveryRetry': return t.discoveryRetryMs;
  }
}

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
    setDeadline: assign(({ context, event }, params: { from: DeadlineFrom }) => ({
      deadline: event.now + offset(context, params.from),
    })),
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
    confirmationCodeAsked: ({ context, event }) =>
      event.type === 'lpa.failed' &&
      CONFIRMATION_ERRORS.includes(event.error) &&
      context.confirmationAttempts < context.timing.maxConfirmationAttempts,
    registrationDelayed: ({ context }) => context.delayMs > 0,
    registrationSucceeded: ({ event }) => event.type === 'modem.registration' && CONNECTED.includes(event.state),
    registrationDenied: ({ event }) => event.type === 'modem.registration' && event.state === 'denied',
    registrationAttemptsLeft: ({ context }) => context.registrationAttempts < context.timing.maxRegistrationAttempts,
    discoveryAttemptsLeft: ({ context }) => context.discoveryAttempts < context.timing.maxDiscoveryAttempts,
    hasIccid: ({ context }) => context.iccid !== null,
    profileEnabled: ({ event }) => event.type === 'lpa.profile' && event.state === 'enabled',
    profileDisabled: ({ event }) => event.type === 'lpa.profile' && event.state === 'disabled',
    legacyRoute: ({ context }, params: { route: FlowContext['legacyRoute'] }) => context.legacyRoute === params.route,
  },
});

/** The machine type every flow shares. */
export type FlowMachine = ReturnType<typeof flowSetup.createMachine>;
