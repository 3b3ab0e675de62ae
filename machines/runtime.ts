import type { ActivationError, NetworkRegistrationState } from '../src/domain/enums';
import type { FlowContext, FlowEvent, FlowTiming, LegacyRoute, Outcome, ProgressStage } from './types';

/*
 * What the flow definitions may name: the effects, the context updates, the guards and the
 * deadline timings, each as a table. The names a definition may use are the keys of these
 * tables (machines/definition.ts derives its types from them), so a misspelling is a compile
 * error and a name the runtime lacks cannot be written.
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

/**
 * How long each deadline a state can have counts, from the moment the state is entered: the
 * names a state's `deadline.after` may use.
 */
const DEADLINE_TIMINGS = {
  delay: (_, context) => context.delayMs,
  toastLifetime: (timing) => timing.toastLifetimeMs,
  awaitingUser: (timing) => timing.awaitingUserLifetimeMs,
  confirmationPrompt: (timing) => timing.confirmationPromptTimeoutMs,
  registrationTimeout: (timing) => timing.registrationTimeoutMs,
  // Async connectivity waits its interval before the first attempt and the retry interval after a failed one.
  registrationWait: (timing, context) => (context.registrationAttempts === 0 ? context.delayMs : timing.registrationRetryMs),
  discoveryRetry: (timing) => timing.discoveryRetryMs,
} satisfies Record<string, (timing: FlowTiming, context: FlowContext) => number>;

/** A timing a state's deadline counts (`deadline.after`), e.g. `delay` or `toastLifetime`. */
export type DeadlineAfter = keyof typeof DEADLINE_TIMINGS;

/** The params a table entry takes: its second parameter, `undefined` when it has none. */
type ParamsOf<F> = F extends (args: FlowArgs, params: infer P) => unknown ? (unknown extends P ? undefined : P) : never;

function updateTable(timing: FlowTiming) {
  return {
    setDeadline: ({ context, event }: FlowArgs, { after }: { readonly after: DeadlineAfter }) => ({ deadline: event.now + DEADLINE_TIMINGS[after](timing, context) }),
    setStartAt: ({ context, event }: FlowArgs) => ({ startAt: event.now + context.delayMs }),
    noDeadline: () => ({ deadline: null }),
    fail: (_: FlowArgs, { error }: { readonly error: ActivationError }) => ({ failure: error }),
    failWithEventError: ({ event }: FlowArgs) => ({ failure: event.type === 'lpa.failed' || event.type === 'modem.failed' ? event.error : 'unknownError' }),
    failWithInputError: ({ context }: FlowArgs) => ({ failure: context.inputError ?? 'unknownError' }),
    rememberIccid: ({ context, event }: FlowArgs) => ({ iccid: event.type === 'lpa.downloaded' ? event.iccid : context.iccid }),
    rememberCode: ({ context, event }: FlowArgs) => ({ code: event.type === 'lpa.discovered' ? event.code : context.code }),
    rememberRegistration: ({ context, event }: FlowArgs) => ({ registrationState: event.type === 'modem.registration' ? event.state : context.registrationState }),
    countConfirmation: ({ context }: FlowArgs) => ({ confirmationAttempts: context.confirmationAttempts + 1 }),
    countRegistration: ({ context }: FlowArgs) => ({ registrationAttempts: context.registrationAttempts + 1 }),
    countDiscovery: ({ context }: FlowArgs) => ({ discoveryAttempts: context.discoveryAttempts + 1 }),
  } satisfies Record<string, (args: FlowArgs, params: never) => Partial<FlowContext>>;
}

type UpdateTable = ReturnType<typeof updateTable>;
/** The context updates a flow makes, by name, with their params: the keys of the update table. */
export type UpdateParams = { [K in keyof UpdateTable]: ParamsOf<UpdateTable[K]> };
/** How each update changes the context (the changed fields only), with the host's timing. */
export type Updates = { readonly [K in keyof UpdateParams]: (args: FlowArgs, params: UpdateParams[K]) => Partial<FlowContext> };

/** The updates of every flow, for one timing. */
export function updatesFor(timing: FlowTiming): Updates {
  return updateTable(timing);
}

const CONNECTED: readonly NetworkRegistrationState[] = ['home', 'roaming', 'partner'];
const CONFIRMATION_ERRORS: readonly ActivationError[] = ['confirmationCodeMissing', 'incorrectConfirmationCode'];

const deadlinePassed = ({ context, event }: FlowArgs) => event.type === 'timer.fired' && context.deadline !== null && event.now >= context.deadline;

/** The guards that decide on a fired timer: the only ones a state's deadline may use. */
function timerGuardTable(timing: FlowTiming) {
  return {
    deadlinePassed,
    registrationTimedOutWithAttemptsLeft: (args: FlowArgs) => deadlinePassed(args) && args.context.registrationAttempts < timing.maxRegistrationAttempts,
  } satisfies Record<string, (args: FlowArgs, params: never) => boolean>;
}

function eventGuardTable(timing: FlowTiming) {
  const registrationDenied = ({ event }: FlowArgs) => event.type === 'modem.registration' && event.state === 'denied';
  const confirmationCodeRequired = ({ context }: FlowArgs) => context.code?.confirmationCodeRequired === true;
  return {
    inputRejected: ({ context }: FlowArgs) => context.inputError !== null,
    confirmationCodeRequired,
    discoveredCodeNeedsConfirmation: ({ event }: FlowArgs) => event.type === 'lpa.discovered' && event.code.confirmationCodeRequired,
    confirmationCodeAsked: ({ context, event }: FlowArgs) =>
      event.type === 'lpa.failed' && CONFIRMATION_ERRORS.includes(event.error) && context.confirmationAttempts < timing.maxConfirmationAttempts,
    registrationDelayed: ({ context }: FlowArgs) => context.delayMs > 0,
    registrationSucceeded: ({ event }: FlowArgs) => event.type === 'modem.registration' && CONNECTED.includes(event.state),
    registrationDenied,
    registrationDeniedWithAttemptsLeft: (args: FlowArgs) => registrationDenied(args) && args.context.registrationAttempts < timing.maxRegistrationAttempts,
    discoveryAttemptsLeft: ({ context }: FlowArgs) => context.discoveryAttempts < timing.maxDiscoveryAttempts,
    hasIccid: ({ context }: FlowArgs) => context.iccid !== null,
    profileEnabled: ({ event }: FlowArgs) => event.type === 'lpa.profile' && event.state === 'enabled',
    profileDisabled: ({ event }: FlowArgs) => event.type === 'lpa.profile' && event.state === 'disabled',
    legacyRoute: ({ context }: FlowArgs, { route }: { readonly route: LegacyRoute }) => context.legacyRoute === route,
    legacyDownloadNeedsConfirmation: (args: FlowArgs) => args.context.legacyRoute === 'download' && confirmationCodeRequired(args),
  } satisfies Record<string, (args: FlowArgs, params: never) => boolean>;
}

type GuardTable = ReturnType<typeof timerGuardTable> & ReturnType<typeof eventGuardTable>;
/** The decisions a flow takes, by name, with their params: the keys of the guard tables. */
export type GuardParams = { [K in keyof GuardTable]: ParamsOf<GuardTable[K]> };
/** The guards that decide on a fired timer (`deadlinePassed` and those that also need it). */
export type TimerGuardName = keyof ReturnType<typeof timerGuardTable>;
/** How each guard decides, with the host's timing. */
export type Guards = { readonly [K in keyof GuardParams]: (args: FlowArgs, params: GuardParams[K]) => boolean };

/** The guards of every flow, for one timing. */
export function guardsFor(timing: FlowTiming): Guards {
  return { ...timerGuardTable(timing), ...eventGuardTable(timing) };
}

/** Every action's params: effects and updates. */
export type ActionParams = EffectParams & UpdateParams;

/**
 * The actions that keep a deadline: written by the expansion of a state's `deadline`
 * (machines/deadline.ts), never by a flow itself.
 */
export const DEADLINE_ACTIONS = ['setDeadline', 'armDeadline', 'clearDeadline', 'noDeadline'] as const satisfies readonly (keyof ActionParams)[];

/** The name of an action that keeps a deadline. */
export type DeadlineActionName = (typeof DEADLINE_ACTIONS)[number];
