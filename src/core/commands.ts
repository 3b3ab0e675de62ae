import type { FlowName, Outcome, ProgressStage } from '../../machines/types';
import type { ActivationError, NetworkRegistrationState } from '../domain/enums';
import type { Diagnostic } from '../domain/diagnostics';
import type { PurchaseMetadata } from '../domain/metadata';
import { maskActivationCode } from '../domain/activationCode';

/** The two callback scripts a portal can set (spec: "Listening for ..."). */
export type CallbackScript = 'registrationChanged' | 'profileActivationComplete';

/** A callback as the operation's history keeps it: delivered while the portal was open, or kept. */
export interface CallbackRecord {
  readonly script: CallbackScript;
  /** The JSON string the portal's function receives. */
  readonly args: string;
  readonly at: number;
  readonly delivered: boolean;
}

/**
 * The one report every operation ends with. The activation code is masked: its matching ID is
 * a credential and never leaves the core in clear except inside `lpa.download`.
 */
export interface Report {
  readonly operationId: string;
  readonly transactionId: string | null;
  readonly flow: FlowName;
  readonly entryPoint: string;
  readonly outcome: Outcome;
  readonly activationResult: ActivationError | null;
  readonly metadata: PurchaseMetadata;
  readonly diagnostics: readonly Diagnostic[];
  readonly activationCode: string | null;
  readonly iccid: string | null;
  readonly registrationState: NetworkRegistrationState | null;
  readonly callbacks: readonly CallbackRecord[];
  readonly startedAt: number;
  readonly endedAt: number;
}

/** A diagnostic as the core emits it, tied to the call or operation it concerns. */
export interface DiagnosticNotice {
  readonly operationId: string | null;
  readonly entryPoint: string | null;
  readonly diagnostic: Diagnostic;
}

/** Work for the eUICC's LPA: one at a time, queued by the core. */
export type LpaCommand =
  | { readonly type: 'lpa.download'; readonly operationId: string; readonly activationCode: string; readonly confirmationCode: string | null }
  | { readonly type: 'lpa.discover'; readonly operationId: string }
  | { readonly type: 'lpa.enable'; readonly operationId: string; readonly iccid: string }
  | { readonly type: 'lpa.queryProfile'; readonly operationId: string; readonly iccid: string };

/**
 * Everything the core asks of the outside world: plain JSON-safe data the host executes
 * through its `Effects`, in order.
 */
export type Command =
  | LpaCommand
  | { readonly type: 'scheduler.set'; readonly timerId: string; readonly at: number }
  | { readonly type: 'scheduler.clear'; readonly timerId: string }
  | { readonly type: 'modem.register'; readonly operationId: string; readonly iccid: string }
  | { readonly type: 'ui.progress'; readonly operationId: string; readonly stage: ProgressStage; readonly percent: number | null }
  | { readonly type: 'ui.scheduled'; readonly operationId: string; readonly at: number }
  | { readonly type: 'ui.toast'; readonly operationId: string }
  | { readonly type: 'ui.hideToast'; readonly operationId: string }
  | { readonly type: 'ui.confirmationCode'; readonly operationId: string; readonly attempt: number }
  | { readonly type: 'ui.returnToApp'; readonly operationId: string }
  | { readonly type: 'portal.callback'; readonly operationId: string; readonly script: CallbackScript; readonly args: string }
  | { readonly type: 'report'; readonly report: Report }
  | { readonly type: 'diagnostic'; readonly notice: DiagnosticNotice };

/** The type tag of every command. */
export type CommandType = Command['type'];

/**
 * A command safe to print or log: the activation code's matching ID and the confirmation
 * code are masked. Every other command is returned as it is.
 * @example redactCommand({ type: 'lpa.download', operationId: 'op-1', activationCode: '1$a.com$SECRET', confirmationCode: null })
 *   // → { ..., activationCode: '1$a.com$***' }
 */
export function redactCommand(command: Command): Command {
  if (command.type !== 'lpa.download') return command;
  return {
    ...command,
    activationCode: maskActivationCode(command.activationCode),
    confirmationCode: command.confirmationCode === null ? null : '***',
  };
}
