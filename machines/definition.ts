import type { ActivationError, NetworkRegistrationState } from '../src/domain/enums';
import type { FlowContext, FlowEvent, FlowInput, FlowName, FlowTiming, LegacyRoute, Outcome, ProgressStage } from './types';

/*
 * The flows as plain statechart definitions, free of any runtime: xstate builds its machines
 * from them (machines/xstate.ts: docs, model tests, graph tools) and the core runs them with a
 * small interpreter of the same semantics (src/core/flowRunner.ts), checked against xstate by
 * the model tests. Effects are named actions with params; context changes are named updates;
 * decisions are named guards.
 */

const MINUTE = 60_000;

/** The durations and bounds of every flow unless the host configures others. */
export const DEFAULT_TIMING: FlowTiming = {
  registrationTimeoutMs: 5 * MINUTE,
  registrationRetryMs: 15 * MINUTE,
  maxRegistrationAttempts: 4,
  discoveryRetryMs: 15 * MINUTE,
  maxDiscoveryAttempts: 4,
  maxConfirmationAttempts: 3,
  // Long enough to find a code sent by e-mail or SMS; an unanswered prompt must not keep the operation forever (D39).
  confirmationPromptTimeoutMs: 30 * MINUTE,
  toastLifetimeMs: 24 * 60 * MINUTE,
  awaitingUserLifetimeMs: 7 * 24 * 60 * MINUTE,
};

const TIMING_KEYS = Object.keys(DEFAULT_TIMING) as (keyof FlowTiming)[];

/** A timing as a string, equal for equal timings: what caches per timing are keyed by. */
export function timingKey(timing: FlowTiming): string {
  return TIMING_KEYS.map((name) => timing[name]).join(',');
}

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
export type DeadlineFrom = 'delay' | 'toastLifetime' | 'awaitingUser' | 'confirmationPrompt' | 'registrationTimeout' | 'registrationRetry' | 'discoveryRetry';

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

/** The context updates a flow makes, by name, with their params. */
export interface UpdateParams {
  setDeadline: { from: DeadlineFrom };
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

/** The decisions a flow takes, by name, with their params. */
export interface GuardParams {
  deadlinePassed: undefined;
  inputRejected: undefined;
  confirmationCodeRequired: undefined;
  discoveredCodeNeedsConfirmation: undefined;
  confirmationCodeAsked: undefined;
  registrationDelayed: undefined;
  registrationSucceeded: undefined;
  registrationDenied: undefined;
  registrationDeniedWithAttemptsLeft: undefined;
  registrationTimedOutWithAttemptsLeft: undefined;
  discoveryAttemptsLeft: undefined;
  hasIccid: undefined;
  profileEnabled: undefined;
  profileDisabled: undefined;
  legacyRoute: { route: LegacyRoute };
  legacyDownloadNeedsConfirmation: undefined;
}

/** Every action's params: effects and updates. */
export type ActionParams = EffectParams & UpdateParams;

/** A named action in a definition: its name, or its name with params (fixed, or computed from context and event). */
export type ActionRef = {
  [K in keyof ActionParams]: ActionParams[K] extends undefined
    ? K | { readonly type: K }
    : { readonly type: K; readonly params: ActionParams[K] | ((args: FlowArgs) => ActionParams[K]) };
}[keyof ActionParams];

/** A named guard in a definition. */
export type GuardRef = {
  [K in keyof GuardParams]: GuardParams[K] extends undefined ? K : { readonly type: K; readonly params: GuardParams[K] };
}[keyof GuardParams];

/** One item, or several in order. */
export type OneOrMany<T> = T | readonly T[];

/** One transition: taken when its guard holds (or it has none); no target keeps the state. */
export interface TransitionDefinition {
  readonly target?: string;
  readonly guard?: GuardRef;
  readonly actions?: OneOrMany<ActionRef>;
}

/** One state of a flow. */
export interface StateDefinition {
  /** A final state ends the operation. */
  readonly type?: 'final';
  readonly entry?: OneOrMany<ActionRef>;
  readonly exit?: OneOrMany<ActionRef>;
  /** By event type: a target, a transition, or candidates tried in order (the first whose guard holds). */
  readonly on?: { readonly [E in FlowEvent['type']]?: string | OneOrMany<TransitionDefinition> };
}

/** One flow: flat states, the first of which is `initial`. */
export interface FlowDefinition {
  readonly id: FlowName;
  readonly initial: string;
  readonly states: Readonly<Record<string, StateDefinition>>;
}

/** Type-checks a flow definition (identity at run time). */
export function defineFlow<const D extends FlowDefinition>(definition: D): D {
  return definition;
}

/** Type-checks a state definition shared between flows (identity at run time). */
export function defineState<const S extends StateDefinition>(state: S): S {
  return state;
}

const CONNECTED: readonly NetworkRegistrationState[] = ['home', 'roaming', 'partner'];
const CONFIRMATION_ERRORS: readonly ActivationError[] = ['confirmationCodeMissing', 'incorrectConfirmationCode'];

function offset(timing: FlowTiming, context: FlowContext, from: DeadlineFrom): number {
  switch (from) {
    case 'delay': return context.delayMs;
    case 'toastLifetime': return timing.toastLifetimeMs;
    case 'awaitingUser': return timing.awaitingUserLifetimeMs;
    case 'confirmationPrompt': return timing.confirmationPromptTimeoutMs;
    case 'registrationTimeout': return timing.registrationTimeoutMs;
    case 'registrationRetry': return timing.registrationRetryMs;
    case 'discoveryRetry': return timing.discoveryRetryMs;
  }
}

/** How each update changes the context (the changed fields only), with the host's timing. */
export type Updates = { readonly [K in keyof UpdateParams]: (args: FlowArgs, params: UpdateParams[K]) => Partial<FlowContext> };
/** How each guard decides, with the host's timing. */
export type Guards = { readonly [K in keyof GuardParams]: (args: FlowArgs, params: GuardParams[K]) => boolean };

/** The updates of every flow, for one timing. */
export function updatesFor(timing: FlowTiming): Updates {
  return {
    setDeadline: ({ context, event }, { from }) => ({ deadline: event.now + offset(timing, context, from) }),
    setStartAt: ({ context, event }) => ({ startAt: event.now + context.delayMs, deadline: event.now + context.delayMs }),
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

/** The guards of every flow, for one timing. */
export function guardsFor(timing: FlowTiming): Guards {
  const deadlinePassed = ({ context, event }: FlowArgs) => event.type === 'timer.fired' && context.deadline !== null && event.now >= context.deadline;
  const registrationDenied = ({ event }: FlowArgs) => event.type === 'modem.registration' && event.state === 'denied';
  const registrationAttemptsLeft = ({ context }: FlowArgs) => context.registrationAttempts < timing.maxRegistrationAttempts;
  const confirmationCodeRequired = ({ context }: FlowArgs) => context.code?.confirmationCodeRequired === true;
  return {
    deadlinePassed,
    inputRejected: ({ context }) => context.inputError !== null,
    confirmationCodeRequired,
    discoveredCodeNeedsConfirmation: ({ event }) => event.type === 'lpa.discovered' && event.code.confirmationCodeRequired,
    confirmationCodeAsked: ({ context, event }) =>
      event.type === 'lpa.failed' && CONFIRMATION_ERRORS.includes(event.error) && context.confirmationAttempts < timing.maxConfirmationAttempts,
    registrationDelayed: ({ context }) => context.delayMs > 0,
    registrationSucceeded: ({ event }) => event.type === 'modem.registration' && CONNECTED.includes(event.state),
    registrationDenied,
    registrationDeniedWithAttemptsLeft: (args) => registrationDenied(args) && registrationAttemptsLeft(args),
    registrationTimedOutWithAttemptsLeft: (args) => deadlinePassed(args) && registrationAttemptsLeft(args),
    discoveryAttemptsLeft: ({ context }) => context.discoveryAttempts < timing.maxDiscoveryAttempts,
    hasIccid: ({ context }) => context.iccid !== null,
    profileEnabled: ({ event }) => event.type === 'lpa.profile' && event.state === 'enabled',
    profileDisabled: ({ event }) => event.type === 'lpa.profile' && event.state === 'disabled',
    legacyRoute: ({ context }, { route }) => context.legacyRoute === route,
    legacyDownloadNeedsConfirmation: (args) => args.context.legacyRoute === 'download' && confirmationCodeRequired(args),
  };
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
