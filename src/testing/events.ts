import type { FlowContext, FlowEvent, ProfileState } from '../../machines/types';
import type { ActivationError, NetworkRegistrationState } from '../domain/enums';
import { FOUND_CODE, FOUND_CONFIRM_CODE, masked } from './scenarios';

/*
 * Events as a function of state: every payload, `now` included, comes from the context, so
 * the reachable state graph is finite (decision D24, docs/decisions.md).
 */

/** A snapshot as the graph tools hand it to an events function. */
export interface HasContext {
  readonly context: FlowContext;
}

export const REGISTRATION_STATES: readonly NetworkRegistrationState[] = ['none', 'deregistered', 'searching', 'home', 'roaming', 'partner', 'denied'];
export const PROFILE_STATES: readonly ProfileState[] = ['enabled', 'disabled', 'absent'];
/** A few representative LPA errors: one plain, and the confirmation-code ones. */
export const REPRESENTATIVE_ERRORS: readonly ActivationError[] = ['serverNotReachable', 'confirmationCodeMissing'];
const MORE_ERRORS: readonly ActivationError[] = [...REPRESENTATIVE_ERRORS, 'incorrectConfirmationCode', 'confirmationCodeMaxRetriesExceeded'];
/** Any ICCID: the machine only remembers it. The world answers with the eUICC's real one. */
export const MODEL_ICCID = '89882470000000000014';
export const DISCOVERED = masked(FOUND_CODE);
export const DISCOVERED_NEEDING_CONFIRMATION = masked(FOUND_CONFIRM_CODE);

/** The latest time the context knows of: just before its deadline, else when it started or was due. */
export function modelNow(context: FlowContext): number {
  return context.deadline !== null ? context.deadline - 1 : Math.max(context.createdAt, context.startAt ?? context.createdAt);
}

function eventsAt(context: FlowContext, errors: readonly ActivationError[], registrations: readonly NetworkRegistrationState[] = REGISTRATION_STATES): FlowEvent[] {
  const now = modelNow(context);
  return [
    { type: 'operation.start', now: context.createdAt },
    { type: 'portal.cancel', now },
    { type: 'lpa.progress', now, percent: 50 },
    { type: 'lpa.downloaded', now, iccid: MODEL_ICCID },
    { type: 'lpa.discovered', now, code: DISCOVERED },
    { type: 'lpa.discovered', now, code: DISCOVERED_NEEDING_CONFIRMATION },
    { type: 'lpa.nothingDiscovered', now },
    { type: 'lpa.enabled', now },
    ...PROFILE_STATES.map((state): FlowEvent => ({ type: 'lpa.profile', now, state })),
    ...errors.map((error): FlowEvent => ({ type: 'lpa.failed', now, error })),
    ...registrations.map((state): FlowEvent => ({ type: 'modem.registration', now, state })),
    { type: 'modem.failed', now, error: 'modemNotFound' },
    { type: 'user.toastAccepted', now },
    { type: 'user.toastDismissed', now },
    { type: 'user.startDownload', now },
    { type: 'user.confirmationCode', now },
    { type: 'user.abort', now },
  ];
}

/** For the generated shortest paths: the timer fires exactly at the deadline; the modem reports each state. */
export function pathEvents(snapshot: HasContext): FlowEvent[] {
  const { context } = snapshot;
  const timer: FlowEvent[] = context.deadline === null ? [] : [{ type: 'timer.fired', now: context.deadline }];
  return [...timer, ...eventsAt(context, REPRESENTATIVE_ERRORS)];
}

/** One registration state of each kind: still searching, connected, denied. */
export const REPRESENTATIVE_REGISTRATIONS: readonly NetworkRegistrationState[] = ['searching', 'home', 'denied'];

/** For the generated simple paths (every interleaving): fewer payloads, one of each kind. */
export function simplePathEvents(snapshot: HasContext): FlowEvent[] {
  const { context } = snapshot;
  const timer: FlowEvent[] = context.deadline === null ? [] : [{ type: 'timer.fired', now: context.deadline }];
  return [...timer, ...eventsAt(context, REPRESENTATIVE_ERRORS, REPRESENTATIVE_REGISTRATIONS)];
}

/**
 * For the exhaustive graph: also early, late and stray timer firings (which must be harmless
 * or behave as on time) and more confirmation-code errors.
 */
export function graphEvents(snapshot: HasContext): FlowEvent[] {
  const { context } = snapshot;
  const timer: FlowEvent[] =
    context.deadline === null
      ? [{ type: 'timer.fired', now: modelNow(context) }]
      : [
          { type: 'timer.fired', now: context.deadline - 1 },
          { type: 'timer.fired', now: context.deadline },
          { type: 'timer.fired', now: context.deadline + 1 },
        ];
  return [...timer, ...eventsAt(context, MORE_ERRORS)];
}

/** Every event type a flow machine takes. */
export const EVENT_TYPES: readonly FlowEvent['type'][] = [
  'operation.start',
  'timer.fired',
  'portal.cancel',
  'lpa.progress',
  'lpa.downloaded',
  'lpa.discovered',
  'lpa.nothingDiscovered',
  'lpa.enabled',
  'lpa.profile',
  'lpa.failed',
  'modem.registration',
  'modem.failed',
  'user.toastAccepted',
  'user.toastDismissed',
  'user.startDownload',
  'user.confirmationCode',
  'user.abort',
];
