import type { EffectParams } from '../../machines/runtime';
import type { Command, Report } from './commands';
import type { OperationRecord } from './state';

/*
 * The translation of a flow's effects into commands, and nothing else: it reads the operation
 * and changes nothing. What the core does beside a command (the LPA's turn, a callback kept
 * while the portal is closed, the finished record) is bookkeeping, done by `emit`
 * (src/core/operation.ts). Decision D67.
 */

/** One effect a flow asks for: its name and its params, as the definitions type them. */
export type FlowEffect = {
  [K in keyof EffectParams]: EffectParams[K] extends undefined ? { readonly type: K; readonly params?: undefined } : { readonly type: K; readonly params: EffectParams[K] };
}[keyof EffectParams];

/**
 * The command `effect` becomes for `op` at `now`. A callback's command is made whether or not
 * the portal is open (the bookkeeping decides whether it leaves), and an LPA command without its
 * secrets (added as it leaves the core).
 *
 * @param op - the operation, already in the state the effect belongs to
 * @param effect - the effect, its params evaluated
 * @param now - when, epoch ms (a callback's and a report's time)
 */
export function commandOf(op: Readonly<OperationRecord>, effect: FlowEffect, now: number): Command {
  const operationId = op.id;
  switch (effect.type) {
    case 'armDeadline': return { type: 'scheduler.set', timerId: operationId, at: effect.params.at };
    case 'clearDeadline': return { type: 'scheduler.clear', timerId: operationId };
    case 'download': return { type: 'lpa.download', operationId, activationCode: '', confirmationCode: null };
    case 'discover': return { type: 'lpa.discover', operationId };
    case 'enable': return { type: 'lpa.enable', operationId, iccid: effect.params.iccid };
    case 'queryProfile': return { type: 'lpa.queryProfile', operationId, iccid: effect.params.iccid };
    case 'register': return { type: 'modem.register', operationId, iccid: effect.params.iccid };
    case 'showProgress': return { type: 'ui.progress', operationId, stage: effect.params.stage, percent: effect.params.percent };
    case 'showScheduled': return { type: 'ui.scheduled', operationId, at: effect.params.at };
    case 'showToast': return { type: 'ui.toast', operationId };
    case 'hideToast': return { type: 'ui.hideToast', operationId };
    case 'promptConfirmationCode': return { type: 'ui.confirmationCode', operationId, attempt: effect.params.attempt };
    case 'returnToApp': return { type: 'ui.returnToApp', operationId };
    case 'activationComplete':
      return { type: 'portal.callback', operationId, script: 'profileActivationComplete', args: argsJson('activationResult', effect.params.activationResult, effect.params.iccid ?? '') };
    case 'registrationChanged':
      return { type: 'portal.callback', operationId, script: 'registrationChanged', args: argsJson('networkRegistrationState', effect.params.state, effect.params.iccid ?? '') };
    case 'report':
      return { type: 'report', report: reportOf(op, effect.params, now) };
  }
}

/**
 * A callback's JSON argument, `{"<key>":<value>,"iccid":<iccid>}`: the same text as
 * JSON.stringify of that object, without building the object (the profile's largest share of
 * a callback).
 */
function argsJson(key: 'activationResult' | 'networkRegistrationState', value: string, iccid: string): string {
  return `{"${key}":${quoted(value)},"iccid":${quoted(iccid)}}`;
}

// Letters and digits only (every enum value, a valid ICCID): JSON would not escape a character of it.
const PLAIN = /^[0-9A-Za-z]*$/;

/** `JSON.stringify(text)`, without its cost for the plain texts callbacks carry. */
function quoted(text: string): string {
  return PLAIN.test(text) ? `"${text}"` : JSON.stringify(text);
}

function reportOf(op: Readonly<OperationRecord>, { outcome, activationResult }: EffectParams['report'], now: number): Report {
  return {
    operationId: op.id,
    transactionId: op.transactionId,
    flow: op.flow,
    entryPoint: op.entryPoint,
    outcome,
    activationResult,
    metadata: op.metadata,
    diagnostics: op.diagnostics,
    activationCode: op.context.code?.masked ?? null,
    iccid: op.context.iccid,
    registrationState: op.context.registrationState,
    callbacks: [...op.callbacks],
    startedAt: op.createdAt,
    endedAt: now,
  };
}
