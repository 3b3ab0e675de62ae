import { DEFAULT_TIMING } from '../machines/definition';
import type { FlowEvent, FlowInput } from '../machines/types';
import type { Command } from '../src/core/commands';
import type { NetworkRegistrationState } from '../src/domain/enums';

/*
 * The floor of measurement 1: the inline download written by hand as a `switch` reducer,
 * with the same decisions and the same commands the engine emits for it, immutable context
 * included. No statechart library, no validation, no persistence.
 */

type InlineValue = 'received' | 'downloading' | 'enabling' | 'registering' | 'connected' | 'notConnected' | 'failed';

interface InlineContext {
  readonly operationId: string;
  readonly registrationTimeoutMs: number;
  readonly iccid: string | null;
  readonly deadline: number | null;
  readonly registrationAttempts: number;
  readonly registrationState: NetworkRegistrationState | null;
}

export interface InlineState {
  readonly value: InlineValue;
  readonly context: InlineContext;
}

export function initialInline(input: FlowInput): InlineState {
  return {
    value: 'received',
    context: { operationId: input.operationId, registrationTimeoutMs: DEFAULT_TIMING.registrationTimeoutMs, iccid: null, deadline: null, registrationAttempts: 0, registrationState: null },
  };
}

const CONNECTED = new Set(['home', 'roaming', 'partner']);

/** One event in, the next state and the commands out. */
export function reduceInline(state: InlineState, event: FlowEvent): { state: InlineState; commands: Command[] } {
  const { value, context } = state;
  const operationId = context.operationId;
  switch (value) {
    case 'received':
      if (event.type !== 'operation.start') break;
      return {
        state: { value: 'downloading', context },
        commands: [{ type: 'ui.progress', operationId, stage: 'downloading', percent: null }, { type: 'lpa.download', operationId, activationCode: '', confirmationCode: null }],
      };
    case 'downloading':
      if (event.type === 'lpa.progress') return { state, commands: [{ type: 'ui.progress', operationId, stage: 'downloading', percent: event.percent }] };
      if (event.type === 'lpa.downloaded') {
        return {
          state: { value: 'enabling', context: { ...context, iccid: event.iccid } },
          commands: [{ type: 'ui.progress', operationId, stage: 'enabling', percent: null }, { type: 'lpa.enable', operationId, iccid: event.iccid }],
        };
      }
      if (event.type === 'lpa.failed') return failed(context);
      break;
    case 'enabling': {
      if (event.type === 'lpa.failed') return failed(context);
      if (event.type !== 'lpa.enabled') break;
      const next = { ...context, registrationAttempts: context.registrationAttempts + 1, deadline: event.now + context.registrationTimeoutMs };
      const iccid = next.iccid ?? '';
      return {
        state: { value: 'registering', context: next },
        commands: [
          { type: 'portal.callback', operationId, script: 'profileActivationComplete', args: JSON.stringify({ activationResult: 'success', iccid }) },
          { type: 'ui.progress', operationId, stage: 'registering', percent: null },
          { type: 'modem.register', operationId, iccid },
          { type: 'scheduler.set', timerId: operationId, at: next.deadline },
        ],
      };
    }
    case 'registering': {
      if (event.type === 'timer.fired' && context.deadline !== null && event.now >= context.deadline) {
        return ended('notConnected', { ...context, deadline: null }, []);
      }
      if (event.type !== 'modem.registration') break;
      const next = { ...context, registrationState: event.state };
      const changed: Command = { type: 'portal.callback', operationId, script: 'registrationChanged', args: JSON.stringify({ networkRegistrationState: event.state, iccid: next.iccid ?? '' }) };
      if (CONNECTED.has(event.state)) return ended('connected', { ...next, deadline: null }, [changed]);
      if (event.state === 'denied') return ended('notConnected', { ...next, deadline: null }, [changed]);
      return { state: { value, context: next }, commands: [changed] };
    }
    default:
      break;
  }
  return { state, commands: [] };
}

function ended(value: 'connected' | 'notConnected', context: InlineContext, commands: Command[]): { state: InlineState; commands: Command[] } {
  commands.push({ type: 'scheduler.clear', timerId: context.operationId });
  commands.push(report(context, value));
  return { state: { value, context }, commands };
}

function failed(context: InlineContext): { state: InlineState; commands: Command[] } {
  return { state: { value: 'failed', context }, commands: [report(context, 'failed')] };
}

function report(context: InlineContext, outcome: 'connected' | 'notConnected' | 'failed'): Command {
  return {
    type: 'report',
    report: {
      operationId: context.operationId, transactionId: null, flow: 'inlineDownload', entryPoint: '', outcome,
      activationResult: outcome === 'failed' ? 'unknownError' : 'success', metadata: {}, diagnostics: [], activationCode: null,
      iccid: context.iccid, registrationState: context.registrationState, callbacks: [], startedAt: 0, endedAt: 0,
    },
  };
}
