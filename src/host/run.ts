import type { Command, LpaCommand } from '../core/commands';
import type { Input } from '../core/inputs';
import { isActivationError, type ActivationError } from '../domain/enums';
import type { Effects } from './effects';

/** What running a command needs from the host. */
export interface RunContext {
  readonly effects: Effects;
  /** Feed an effect's answer back to the core. */
  send(input: DistributiveOmit<Input, 'now'>): void;
  fire(timerId: string): void;
  track<T>(promise: Promise<T>): Promise<T>;
  effectFailed(what: string, error: unknown): void;
  isStopped(): boolean;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Execute one command through the effects: an exhaustive switch, nothing clever.
 * An effect that throws or rejects never escapes: LPA failures become `lpa.failed` with the
 * activation error the effect named (else `unknownError`), others become diagnostics.
 */
export function runCommand(command: Command, ctx: RunContext): void {
  const { effects } = ctx;
  switch (command.type) {
    case 'lpa.download':
    case 'lpa.discover':
    case 'lpa.enable':
    case 'lpa.queryProfile':
      return runLpa(command, ctx);
    case 'scheduler.set':
      return guarded(ctx, command.type, () => effects.scheduler.set(command.timerId, command.at, () => ctx.fire(command.timerId)));
    case 'scheduler.clear':
      return guarded(ctx, command.type, () => effects.scheduler.clear(command.timerId));
    case 'modem.register':
      return answer(ctx, () => effects.modem.register(command), () => undefined, (error) => ctx.effectFailed(command.type, error));
    case 'ui.progress':
      return guarded(ctx, command.type, () => effects.ui.progress(command.operationId, command.stage, command.percent));
    case 'ui.scheduled':
      return guarded(ctx, command.type, () => effects.ui.scheduled(command.operationId, command.at));
    case 'ui.toast':
      return guarded(ctx, command.type, () => effects.ui.toast(command.operationId));
    case 'ui.hideToast':
      return guarded(ctx, command.type, () => effects.ui.hideToast(command.operationId));
    case 'ui.confirmationCode':
      return guarded(ctx, command.type, () => effects.ui.confirmationCode(command.operationId, command.attempt));
    case 'ui.returnToApp':
      return guarded(ctx, command.type, () => effects.ui.returnToApp(command.operationId));
    case 'portal.callback':
      return guarded(ctx, command.type, () => effects.callback(command.operationId, command.script, command.args));
    case 'report':
      return guarded(ctx, command.type, () => effects.report(command.report));
    case 'diagnostic':
      return guarded(ctx, command.type, () => effects.diagnostic(command.notice));
  }
}

function runLpa(command: LpaCommand, ctx: RunContext): void {
  const { effects } = ctx;
  const operationId = command.operationId;
  const failed = (error: unknown) => {
    const activationError = activationErrorOf(error);
    if (activationError === 'unknownError') ctx.effectFailed(command.type, error);
    ctx.send({ type: 'lpa.failed', operationId, error: activationError });
  };
  switch (command.type) {
    case 'lpa.download':
      return answer(
        ctx,
        () =>
          effects.lpa.download({
            operationId,
            activationCode: command.activationCode,
            confirmationCode: command.confirmationCode,
            onProgress: (percent) => ctx.send({ type: 'lpa.progress', operationId, percent }),
          }),
        (result) => ctx.send({ type: 'lpa.downloaded', operationId, iccid: result.iccid }),
        failed,
      );
    case 'lpa.discover':
      return answer(
        ctx,
        () => effects.lpa.discover({ operationId }),
        (found) => ctx.send(found === null ? { type: 'lpa.nothingDiscovered', operationId } : { type: 'lpa.discovered', operationId, activationCode: found.activationCode }),
        failed,
      );
    case 'lpa.enable':
      return answer(ctx, () => effects.lpa.enable(command), () => ctx.send({ type: 'lpa.enabled', operationId }), failed);
    case 'lpa.queryProfile':
      return answer(ctx, () => effects.lpa.profileState(command), (profile) => ctx.send({ type: 'lpa.profile', operationId, state: profile }), failed);
  }
}

/** The activation error an effect named, or `unknownError`. */
export function activationErrorOf(error: unknown): ActivationError {
  const named = typeof error === 'object' && error !== null && 'activationError' in error ? (error as { activationError: unknown }).activationError : undefined;
  return isActivationError(named) ? named : 'unknownError';
}

/**
 * Run an effect that answers now or later; hand its answer (or failure) back. A synchronous
 * answer is handled at once, so a fully synchronous device runs deterministically.
 */
function answer<T>(ctx: RunContext, run: () => T | Promise<T>, onResult: (result: T) => void, onError: (error: unknown) => void): void {
  let result: T | Promise<T>;
  try {
    result = run();
  } catch (error) {
    onError(error);
    return;
  }
  if (!(result instanceof Promise)) return onResult(result);
  void ctx.track(
    result.then(
      (value) => {
        if (!ctx.isStopped()) onResult(value);
      },
      (error: unknown) => {
        if (!ctx.isStopped()) onError(error);
      },
    ),
  );
}

function guarded(ctx: RunContext, what: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    ctx.effectFailed(what, error);
  }
}
