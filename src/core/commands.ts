import type { FlowName, Outcome, ProgressStage } from '../../machines/types';
import type { ActivationError, NetworkRegistrationState } from '../domain/enums';
import type { Diagnostic } from '../domain/diagnostics';
import type { PurchaseMetadata } from '../domain/metadata';
import { maskActivationCode } from '../domain/activationCode';

/** The two callback scripts a portal can set (spec: "Listening for ..."). */
export type CallbackScript = 'registrationChanged' | 'profileActivationComplete';

/** A callback as the operation's history keeps it: delivered while the portal was open, or kept. */
export interface CallbackRecord {
  /** Which callback: activation complete, or a registration change. */
  readonly script: CallbackScript;
  /** The JSON string the portal's function receives. */
  readonly args: string;
  /** When the operation raised it, epoch ms. */
  readonly at: number;
  /** True when sent to an open portal; false when the portal was closed and it was only kept. */
  readonly delivered: boolean;
}

/**
 * The one report every operation ends with. The activation code is masked: its matching ID is
 * a credential and never leaves the core in clear except inside `lpa.download`.
 */
export interface Report {
  /** The operation the portal was given. */
  readonly operationId: string;
  /** The portal launch's transaction id when the operation started; null when none was launched. */
  readonly transactionId: string | null;
  /** Which fulfilment flow ran. */
  readonly flow: FlowName;
  /** The portal function that started it, e.g. `MobilePlansInlineOperations.notifyProfileDownload`. */
  readonly entryPoint: string;
  /** How it ended. */
  readonly outcome: Outcome;
  /** `success` once a profile was activated, the error when it failed or was rejected; null when nothing was activated. */
  readonly activationResult: ActivationError | null;
  /** The purchase metadata, normalized. */
  readonly metadata: PurchaseMetadata;
  /** Problems found in the portal's input when the operation started (metadata, code, ICCID, transaction id). */
  readonly diagnostics: readonly Diagnostic[];
  /** The activation code with its matching ID masked; null when the operation never had a valid one. */
  readonly activationCode: string | null;
  /** The profile's ICCID, from the portal or the download; null when none was known. */
  readonly iccid: string | null;
  /** The last registration state the modem reported for the profile; null when none came. */
  readonly registrationState: NetworkRegistrationState | null;
  /** The callbacks raised, delivered or not; only the last `maxCallbackHistory` are kept. */
  readonly callbacks: readonly CallbackRecord[];
  /** When the hand-off created the operation, epoch ms. */
  readonly startedAt: number;
  /** When it ended, epoch ms. */
  readonly endedAt: number;
}

/** A diagnostic as the core emits it, tied to the call or operation it concerns. */
export interface DiagnosticNotice {
  /** The operation concerned; null when there is none (a refused call, a failed effect). */
  readonly operationId: string | null;
  /** The portal function whose call it concerns; null when no call does (effects, callback delivery). */
  readonly entryPoint: string | null;
  /** What was found: code, severity, field and message. */
  readonly diagnostic: Diagnostic;
}

/** Work for the eUICC's LPA: one at a time, queued by the core. */
export type LpaCommand =
  /** Download and install the profile; answered by `lpa.progress`, then `lpa.downloaded` or `lpa.failed`. */
  | {
      readonly type: 'lpa.download';
      /** The operation it is for. */
      readonly operationId: string;
      /** The full activation code in clear, added from `Secrets` only as the command leaves the core. */
      readonly activationCode: string;
      /** The code the user typed; null until one was asked for and given. */
      readonly confirmationCode: string | null;
    }
  /** Ask SM-DS for a pending profile; answered by `lpa.discovered`, `lpa.nothingDiscovered` or `lpa.failed`. */
  | {
      readonly type: 'lpa.discover';
      /** The delayed-profile operation it is for. */
      readonly operationId: string;
    }
  /** Enable an installed profile; answered by `lpa.enabled` or `lpa.failed`. */
  | {
      readonly type: 'lpa.enable';
      /** The operation it is for. */
      readonly operationId: string;
      /** The profile to enable. */
      readonly iccid: string;
    }
  /** Ask whether a profile is on the eUICC and enabled (balance addition); answered by `lpa.profile` or `lpa.failed`. */
  | {
      readonly type: 'lpa.queryProfile';
      /** The operation it is for. */
      readonly operationId: string;
      /** The profile asked about. */
      readonly iccid: string;
    };

/**
 * Everything the core asks of the outside world: plain JSON-safe data the host executes
 * through its `Effects`, in order.
 */
export type Command =
  /** Work for the LPA, one command at a time. */
  | LpaCommand
  /** Arm (or re-arm) an operation's deadline timer; it comes back as `timer.fired`. */
  | {
      readonly type: 'scheduler.set';
      /** The timer's id: the operation's id, so each operation has at most one timer. */
      readonly timerId: string;
      /** When to fire, epoch ms; at once if already past. */
      readonly at: number;
    }
  /** Cancel an operation's timer: it left the state that armed it. */
  | {
      readonly type: 'scheduler.clear';
      /** The timer's id: the operation's id. */
      readonly timerId: string;
    }
  /** Register on the network with an enabled profile; states come back as `modem.registration`. */
  | {
      readonly type: 'modem.register';
      /** The operation it is for. */
      readonly operationId: string;
      /** The profile to register with. */
      readonly iccid: string;
    }
  /** Show which stage the operation is in. */
  | {
      readonly type: 'ui.progress';
      /** The operation it is for. */
      readonly operationId: string;
      /** Downloading, enabling or registering. */
      readonly stage: ProgressStage;
      /** Percent done, 0–100, while downloading; null when unknown (a stage's start, enabling, registering). */
      readonly percent: number | null;
    }
  /** Tell the user the download or discovery is scheduled for later. */
  | {
      readonly type: 'ui.scheduled';
      /** The operation it is for. */
      readonly operationId: string;
      /** When the rounded delay ends, epoch ms. */
      readonly at: number;
    }
  /** Show the "ready to download" toast; the user accepts or dismisses it. */
  | {
      readonly type: 'ui.toast';
      /** The operation it is for. */
      readonly operationId: string;
    }
  /** Take the toast down (answered, or its lifetime ran out). */
  | {
      readonly type: 'ui.hideToast';
      /** The operation it is for. */
      readonly operationId: string;
    }
  /** Prompt the user for the confirmation code. */
  | {
      readonly type: 'ui.confirmationCode';
      /** The operation it is for. */
      readonly operationId: string;
      /** Which prompt this is, from 1. */
      readonly attempt: number;
    }
  /** Close the portal and bring the Mobile Plans app back; the core counts the portal as closed. */
  | {
      readonly type: 'ui.returnToApp';
      /** The operation it is for. */
      readonly operationId: string;
    }
  /** Call a portal callback script; only emitted while the portal is open. */
  | {
      readonly type: 'portal.callback';
      /** The operation it is about. */
      readonly operationId: string;
      /** Which callback script to call. */
      readonly script: CallbackScript;
      /** The JSON string to pass it. */
      readonly args: string;
    }
  /** The operation's one final report. */
  | {
      readonly type: 'report';
      /** The report (activation code masked). */
      readonly report: Report;
    }
  /** A diagnostic for the log. */
  | {
      readonly type: 'diagnostic';
      /** What was found and what it concerns. */
      readonly notice: DiagnosticNotice;
    };

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
