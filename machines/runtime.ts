import type { ActivationError, NetworkRegistrationState } from '../src/domain/enums';
import type { FlowContext, FlowEvent, FlowTiming, LegacyRoute, Outcome, ProgressStage } from './types';

/*
 * What the flow definitions may name: the effects, the context updates, the guards and the
 * deadline timings. Each is one list (an interface of names and params, spelled out so the
 * published declarations name them), and the runtime's table for it is typed by that list: the
 * compiler refuses a table that lacks a name or has one more (decision D63). The names a
 * definition may write are the keys of these lists (machines/definition.ts).
 */

/** What actions and guards see: the context as it stands and the event being handled. */
export interface FlowArgs {
  readonly context: FlowContext;
  readonly event: FlowEvent;
}

/** The effects a flow asks for, by name, with their params (`undefined`: none). The core turns them into commands. */
export interface EffectParams {
  armDeadline: { at: number };
  clearDeadline: undefined;
  download: undefined;
  discover: undefined;
  enable: { iccid: string };
  queryProfile: { iccid: string };
  register: { iccid: string };
  showProgress: { stage: ProgressStage; percent: number | null };
  showScheduled: { at: number };
  showToast: undefined;
  hideToast: undefined;
  promptConfirmationCode: { attempt: number };
  returnToApp: undefined;
  activationComplete: { activationResult: ActivationError; iccid: string | null };
  registrationChanged: { state: NetworkRegistrationState; iccid: string | null };
  report: { outcome: Outcome; activationResult: ActivationError | null };
}

// Every effect once: the compiler refuses a missing or unknown name.
const EFFECTS: Record<keyof EffectParams, true> = {
  // Stryker disable next-line BooleanLiteral: only the keys are read (EFFECT_NAMES); the values are never used
  armDeadline: true, clearDeadline: true, download: true, discover: true, enable: true, queryProfile: true, register: true,
  // Stryker disable next-line BooleanLiteral: only the keys are read (EFFECT_NAMES); the values are never used
  showProgress: true, showScheduled: true, showToast: true, hideToast: true, promptConfirmationCode: true, returnToApp: true,
  // Stryker disable next-line BooleanLiteral: only the keys are read (EFFECT_NAMES); the values are never used
  activationComplete: true, registrationChanged: true, report: true,
};

/** The names of the effects: every action that is not an update. */
export const EFFECT_NAMES = Object.keys(EFFECTS) as (keyof EffectParams)[];

/** A timing a state's deadline counts (`deadline.after`): `delay` is the operation's rounded delay or interval. */
export type DeadlineAfter = 'delay' | 'toastLifetime' | 'awaitingUser' | 'confirmationPrompt' | 'registrationTimeout' | 'registrationWait' | 'discoveryRetry';

/** How long each deadline counts, from the moment its state is entered. */
const DEADLINE_TIMINGS: { readonly [K in DeadlineAfter]: (timing: FlowTiming, context: FlowContext) => number } = {
  delay: (_, context) => context.delayMs,
  toastLifetime: (timing) => timing.toastLifetimeMs,
  awaitingUser: (timing) => timing.awaitingUserLifetimeMs,
  confirmationPrompt: (timing) => timing.confirmationPromptTimeoutMs,
  registrationTimeout: (timing) => timing.registrationTimeoutMs,
  // Async connectivity waits its interval before the first attempt and the retry interval after a failed one.
  registrationWait: (timing, context) => (context.registrationAttempts === 0 ? context.delayMs : timing.registrationRetryMs),
  discoveryRetry: (timing) => timing.discoveryRetryMs,
};

/** The context updates a flow makes, by name, with their params. */
export interface UpdateParams {
  setDeadline: { after: DeadlineAfter };
  setStartAt: undefined;
  noDeadline: undefined;
  fail: { error: ActivationError };
  failWithEventError: undefined;
  failWithInputError: undefined;
  rememberIccid: undefined;
  rememberCode: undefined;
  rememberRegistration: undefined;
  countConfirmation: undefined;
  countRegistration: undefined;
  countDiscovery: undefined;
}

/** How each update changes the context (the changed fields only), with the host's timing. */
export type Updates = { readonly [K in keyof UpdateParams]: (args: FlowArgs, params: UpdateParams[K]) => Partial<FlowContext> };

/** The updates of every flow, for one timing. */
export function updatesFor(timing: FlowTiming): Updates {
  return {
    setDeadline: ({ context, event }, { after }) => ({ deadline: event.now + DEADLINE_TIMINGS[after](timing, context) }),
    setStartAt: ({ context, event }) => ({ startAt: event.now + context.delayMs }),
    noDeadline: () => ({ deadline: null }),
    fail: (_, { error }) => ({ failure: error }),
    failWithEventError: ({ event }) => ({ failure: event.type === 'lpa.failed' || event.type === 'modem.failed' ? event.error : 'unknownError' }),
    failWithInputError: ({ context }) => ({ failure: context.inputError ?? 'unknownError' }),
    rememberIccid: ({ context, event }) => ({ iccid: event.type === 'lpa.downloaded' ? event.iccid : context.iccid }),
    rememberCode: ({ context, event }) => ({ code: event.type === 'lpa.discovered' ? event.code : context.code }),
    rememberRegistration: ({ context, event }) => ({ registrationState: event.type === 'modem.registration' ? event.state : context.registrationState }),
    countConfirmation: ({ context }) => ({ confirmationAttempts: context.confirmationAttempts + 1 }),
    countRegistration: ({ context }) => ({ registrationAttempts: context.registrationAttempts + 1 }),
    countDiscovery: ({ context }) => ({ discoveryAttempts: context.discoveryAttempts + 1 }),
  };
}

const CONNECTED: readonly NetworkRegistrationState[] = ['home', 'roaming', 'partner'];
const CONFIRMATION_ERRORS: readonly ActivationError[] = ['confirmationCodeMissing', 'incorrectConfirmationCode'];

const deadlinePassed = ({ context, event }: FlowArgs) => event.type === 'timer.fired' && context.deadline !== null && event.now >= context.deadline;

/** The guards that decide on a fired timer: the only ones a state's deadline may use, and only it. */
export interface TimerGuardParams {
  deadlinePassed: undefined;
  registrationTimedOutWithAttemptsLeft: undefined;
}

/** The decisions a flow takes, by name, with their params. */
export interface GuardParams extends TimerGuardParams {
  inputRejected: undefined;
  confirmationCodeRequired: undefined;
  discoveredCodeNeedsConfirmation: undefined;
  confirmationCodeAsked: undefined;
  registrationDelayed: undefined;
  registrationSucceeded: undefined;
  registrationDenied: undefined;
  registrationDeniedWithAttemptsLeft: undefined;
  discoveryAttemptsLeft: undefined;
  hasIccid: undefined;
  profileEnabled: undefined;
  profileDisabled: undefined;
  legacyRoute: { route: LegacyRoute };
  legacyDownloadNeedsConfirmation: undefined;
}

/** The name of a guard on a fired timer. */
export type TimerGuardName = keyof TimerGuardParams;

type GuardTable<P> = { readonly [K in keyof P]: (args: FlowArgs, params: P[K]) => boolean };

/** How each guard decides, with the host's timing. */
export type Guards = GuardTable<GuardParams>;

function timerGuardTable(timing: FlowTiming): GuardTable<TimerGuardParams> {
  return {
    deadlinePassed,
    registrationTimedOutWithAttemptsLeft: (args) => deadlinePassed(args) && args.context.registrationAttempts < timing.maxRegistrationAttempts,
  };
}

function eventGuardTable(timing: FlowTiming): GuardTable<Omit<GuardParams, TimerGuardName>> {
  // Stryker disable next-line ConditionalExpression: equivalent; only modem.registration has a state that can be 'denied' (the check narrows the type)
  const registrationDenied = ({ event }: FlowArgs) => event.type === 'modem.registration' && event.state === 'denied';
  const confirmationCodeRequired = ({ context }: FlowArgs) => context.code?.confirmationCodeRequired === true;
  return {
    inputRejected: ({ context }) => context.inputError !== null,
    confirmationCodeRequired,
    discoveredCodeNeedsConfirmation: ({ event }) => event.type === 'lpa.discovered' && event.code.confirmationCodeRequired,
    confirmationCodeAsked: ({ context, event }) =>
      event.type === 'lpa.failed' && CONFIRMATION_ERRORS.includes(event.error) && context.confirmationAttempts < timing.maxConfirmationAttempts,
    registrationDelayed: ({ context }) => context.delayMs > 0,
    // Stryker disable next-line ConditionalExpression: equivalent; no other event has a home, roaming or partner state (the check narrows the type)
    registrationSucceeded: ({ event }) => event.type === 'modem.registration' && CONNECTED.includes(event.state),
    registrationDenied,
    registrationDeniedWithAttemptsLeft: (args) => registrationDenied(args) && args.context.registrationAttempts < timing.maxRegistrationAttempts,
    discoveryAttemptsLeft: ({ context }) => context.discoveryAttempts < timing.maxDiscoveryAttempts,
    hasIccid: ({ context }) => context.iccid !== null,
    // Stryker disable next-line ConditionalExpression: equivalent; only lpa.profile has a state that can be 'enabled' (the check narrows the type)
    profileEnabled: ({ event }) => event.type === 'lpa.profile' && event.state === 'enabled',
    // Stryker disable next-line ConditionalExpression: equivalent; only lpa.profile has a state that can be 'disabled' (the check narrows the type)
    profileDisabled: ({ event }) => event.type === 'lpa.profile' && event.state === 'disabled',
    legacyRoute: ({ context }, { route }) => context.legacyRoute === route,
    legacyDownloadNeedsConfirmation: (args) => args.context.legacyRoute === 'download' && confirmationCodeRequired(args),
  };
}

/** The guards of every flow, for one timing. */
export function guardsFor(timing: FlowTiming): Guards {
  return { ...timerGuardTable(timing), ...eventGuardTable(timing) };
}

/** Every action's params: effects and updates. */
export type ActionParams = EffectParams & UpdateParams;

/**
 * The actions that keep a deadline: written by the expansion of a state's `deadline`
 * (machines/deadline.ts, which may write only these), never by a flow itself.
 */
export type DeadlineActionName = Extract<keyof ActionParams, 'setDeadline' | 'armDeadline' | 'clearDeadline' | 'noDeadline'>;
