import type { FlowEvent } from '../../machines/types';
import type { PortalCall } from '../core/inputs';
import type { Host } from '../host/host';
import type { LpaAnswer, LpaCallKind } from './kitLpa';
import type { ObservedEffects } from './observedEffects';
import { CONFIRMATION_CODE, FOUND_CODE, FOUND_CONFIRM_CODE } from './scenarios';

/*
 * What makes a machine event happen in a case: the portal's call, the clock reaching the
 * deadline, the LPA's answer, the modem's report, the user's answer.
 */

/** What causing an event needs from the case. */
export interface CauseContext {
  readonly host: Host;
  readonly observed: ObservedEffects;
  /** The scenario's hand-off. */
  readonly call: PortalCall;
  /** The operation's id. @throws before the hand-off */
  operationId(): string;
  /** The ICCID the operation follows. @throws when it has none yet */
  iccid(): string;
  /** The hand-off started this operation. */
  started(operationId: string): void;
}

/**
 * Make the event happen; resolves with the reply of a cancel (else null).
 * @throws {Error} when the host is not where the event can happen (no timer set, no LPA call waiting)
 */
export async function causeEvent(event: FlowEvent, ctx: CauseContext): Promise<unknown> {
  const { host, observed } = ctx;
  const { lpa, clock } = observed;
  const answer = (kind: LpaCallKind, a: LpaAnswer) => lpa.answer(ctx.operationId(), kind, a);
  switch (event.type) {
    case 'operation.start': {
      const reply = host.call(ctx.call);
      if (reply.type !== 'operation' || !reply.created) throw new Error(`the hand-off should start an operation, the host replied ${JSON.stringify(reply)}`);
      ctx.started(reply.operationId);
      return null;
    }
    case 'timer.fired': {
      const at = observed.armedAt(ctx.operationId());
      if (at === undefined) throw new Error(`no timer is set for ${ctx.operationId()}`);
      await clock.advanceTo(Math.max(at, clock.now()));
      return null;
    }
    case 'portal.cancel':
      return host.cancel(ctx.operationId());
    case 'lpa.progress':
      lpa.progress(ctx.operationId(), event.percent);
      return null;
    case 'lpa.downloaded':
      await answer('download', { kind: 'success' });
      return null;
    case 'lpa.failed': {
      const kind = lpa.heldKind(ctx.operationId());
      if (kind === null) throw new Error(`the host has no LPA call waiting for ${ctx.operationId()}`);
      await answer(kind, { kind: 'failure', error: event.error });
      return null;
    }
    case 'lpa.discovered':
      await answer('discover', { kind: 'discovered', activationCode: event.code.confirmationCodeRequired ? FOUND_CONFIRM_CODE : FOUND_CODE });
      return null;
    case 'lpa.nothingDiscovered':
      await answer('discover', { kind: 'discovered', activationCode: null });
      return null;
    case 'lpa.enabled':
      await answer('enable', { kind: 'success' });
      return null;
    case 'lpa.profile':
      await answer('profileState', { kind: 'profileState', state: event.state });
      return null;
    case 'modem.registration':
      host.registrationChanged(ctx.iccid(), event.state);
      return null;
    case 'modem.failed':
      // The modem's register already ran on entering registering: its failure arrives as the host's run loop sends it.
      host.send({ type: 'modem.failed', operationId: ctx.operationId(), error: event.error });
      return null;
    case 'user.toastAccepted':
      host.user.acceptToast(ctx.operationId());
      return null;
    case 'user.toastDismissed':
      host.user.dismissToast(ctx.operationId());
      return null;
    case 'user.startDownload':
      host.user.startDownload(ctx.operationId());
      return null;
    case 'user.confirmationCode':
      host.user.confirmationCode(ctx.operationId(), CONFIRMATION_CODE);
      return null;
    case 'user.abort':
      host.user.abort(ctx.operationId());
      return null;
  }
}
