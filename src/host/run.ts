import type { Command, LpaCommand } from '../core/commands';
import type { Input } from '../core/inputs';
import type { ProfileState } from '../../machines/types';
import { parseActivationCode } from '../domain/activationCode';
import { validateIccid } from '../domain/iccid';
import { activationErrorIn, callEffect, type AnswerCheck, type EffectFailure, type EffectOutcome, type PendingCall } from './effectCall';
import type { Effects } from './effects';
import type { Untimed } from './untimed';

/** What running a command needs from the host. */
export interface RunContext {
  readonly effects: Effects;
  /** Feed an effect's answer back to the core. */
  send(input: Untimed<Input>): void;
  fire(timerId: string): void;
  /** Count an effect answer in flight until `pending` resolves (it never rejects). */
  readonly track: (pending: Promise<void>) => void;
  /** Report a failed effect as a diagnostic; `message` is already masked. */
  effectFailed(what: string, message: string): void;
  isStopped(): boolean;
  /** How long an LPA call may take before it fails with `unknownError`, ms. */
  readonly lpaTimeoutMs: number;
  /** `scheduler.set` failed twice for this timer: the host arms it again later. */
  timerFailed(timerId: string, at: number): void;
  /** A `scheduler.set` or `scheduler.clear` for this timer runs: any retry the host keeps for it is superseded. */
  timerTouched(timerId: string): void;
  /** The LPA timeouts armed now, by timer id, so that `stop` can clear them. */
  readonly lpaTimeouts: Set<string>;
}

/** The timer id of an LPA call's timeout; apart from the operations' own timers (their ids). */
export function lpaTimeoutId(operationId: string): string {
  return `lpa-timeout:${operationId}`;
}

/**
 * Execute one command through the effects: an exhaustive switch, nothing clever. Every call
 * goes through {@link callEffect}: LPA failures become `lpa.failed` with the activation error
 * the effect named (else `unknownError`), others become diagnostics.
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
      ctx.timerTouched(command.timerId);
      return arm(ctx, command.timerId, command.at, 1);
    case 'scheduler.clear':
      ctx.timerTouched(command.timerId);
      return fireAndForget(ctx, command.type, () => effects.scheduler.clear(command.timerId));
    case 'modem.register':
      return register(ctx, command.operationId, command.iccid);
    case 'ui.progress':
      return fireAndForget(ctx, command.type, () => effects.ui.progress(command.operationId, command.stage, command.percent));
    case 'ui.scheduled':
      return fireAndForget(ctx, command.type, () => effects.ui.scheduled(command.operationId, command.at));
    case 'ui.toast':
      return fireAndForget(ctx, command.type, () => effects.ui.toast(command.operationId));
    case 'ui.hideToast':
      return fireAndForget(ctx, command.type, () => effects.ui.hideToast(command.operationId));
    case 'ui.confirmationCode':
      return fireAndForget(ctx, command.type, () => effects.ui.confirmationCode(command.operationId, command.attempt));
    case 'ui.returnToApp':
      return fireAndForget(ctx, command.type, () => effects.ui.returnToApp(command.operationId));
    case 'portal.callback':
      return fireAndForget(ctx, command.type, () => effects.callback(command.operationId, command.script, command.args));
    case 'report': {
      const operationId = command.report.operationId;
      // Acknowledged once the report effect took it, so that a restart before then sends it again.
      return fireAndForget(ctx, command.type, () => effects.report(command.report), () => ctx.send({ type: 'report.delivered', operationId }));
    }
    case 'diagnostic':
      return fireAndForget(ctx, command.type, () => effects.diagnostic(command.notice));
  }
}

/** Arm a timer; a scheduler that throws is tried once more at once, then left to the host to retry. */
function arm(ctx: RunContext, timerId: string, at: number, attempt: number): void {
  callEffect(
    () => ctx.effects.scheduler.set(timerId, at, firing(ctx, timerId)),
    ignoreAnswer,
    (outcome) => {
      // Stryker disable next-line ConditionalExpression: equivalent; a success has no failure to read, and the throw is caught by callEffect
      if (outcome.ok) return;
      ctx.effectFailed('scheduler.set', outcome.failure.message);
      if (attempt === 1) arm(ctx, timerId, at, 2);
      else ctx.timerFailed(timerId, at);
    },
    ctx.track,
  );
}

/** What the scheduler calls when `timerId` is due: made apart from `arm`, so the closure a parked timer keeps holds only these two. */
function firing(ctx: RunContext, timerId: string): () => void {
  return () => ctx.fire(timerId);
}

/**
 * Start registering. A failure naming an activation error (`modemNotFound`, ...) ends the
 * operation's registration with it (decision D38); any other failure is only logged, and the
 * registration deadline decides.
 */
function register(ctx: RunContext, operationId: string, iccid: string): void {
  callEffect(() => ctx.effects.modem.register({ operationId, iccid }), ignoreAnswer, (outcome) => {
    if (outcome.ok || ctx.isStopped()) return;
    ctx.effectFailed('modem.register', outcome.failure.message);
    if (outcome.failure.activationError !== 'unknownError') ctx.send({ type: 'modem.failed', operationId, error: outcome.failure.activationError });
  }, ctx.track);
}

/** An effect whose answer does not matter: a failure (now or later) is a diagnostic. */
function fireAndForget(ctx: RunContext, what: string, run: () => unknown, done?: () => void): void {
  callEffect(run, ignoreAnswer, (outcome) => {
    if (!outcome.ok && !ctx.isStopped()) ctx.effectFailed(what, outcome.failure.message);
    // Stryker disable next-line ConditionalExpression: equivalent; calling a missing done throws into callEffect's catch
    if (done !== undefined && !ctx.isStopped()) done();
  }, ctx.track);
}

function runLpa(command: LpaCommand, ctx: RunContext): void {
  const { effects } = ctx;
  const operationId = command.operationId;
  const timeoutId = lpaTimeoutId(operationId);
  let timeoutArmed = false;
  const failed = (failure: EffectFailure): void => {
    if (failure.activationError === 'unknownError') ctx.effectFailed(command.type, failure.message);
    ctx.send({ type: 'lpa.failed', operationId, error: failure.activationError });
  };
  const answered = <T>(onValue: (value: T) => void) => (outcome: EffectOutcome<T>): void => {
    if (timeoutArmed) {
      // Stryker disable next-line BooleanLiteral: equivalent; a call answers once, and the arming callback sets the flag before reading it
      timeoutArmed = false;
      ctx.lpaTimeouts.delete(timeoutId);
      fireAndForget(ctx, 'scheduler.clear', () => effects.scheduler.clear(timeoutId));
    }
    if (ctx.isStopped()) return;
    if (outcome.ok) onValue(outcome.value);
    else failed(outcome.failure);
  };
  const call = <T>(run: () => unknown, check: AnswerCheck<T>, onValue: (value: T) => void, secret?: string) =>
    callEffect(run, check, answered(onValue), ctx.track, secret);
  if (command.type === 'lpa.download' && !modemPresent(ctx)) {
    // Every flow that downloads registers next: without a modem the profile could never connect (D38).
    ctx.send({ type: 'lpa.failed', operationId, error: 'modemNotFound' });
    return;
  }
  let pending: PendingCall | undefined;
  switch (command.type) {
    case 'lpa.download': {
      const secret = matchingIdOf(command.activationCode);
      pending = call(
        () =>
          effects.lpa.download({
            operationId,
            activationCode: command.activationCode,
            confirmationCode: command.confirmationCode,
            onProgress: (percent) => {
              if (!pending?.settled && !ctx.isStopped() && Number.isFinite(percent)) ctx.send({ type: 'lpa.progress', operationId, percent: Math.min(100, Math.max(0, percent)) });
            },
          }),
        downloadAnswer,
        (iccid) => ctx.send({ type: 'lpa.downloaded', operationId, iccid }),
        secret,
      );
      break;
    }
    case 'lpa.discover':
      pending = call(() => effects.lpa.discover({ operationId }), discoverAnswer, (found) =>
        ctx.send(found === null ? { type: 'lpa.nothingDiscovered', operationId } : { type: 'lpa.discovered', operationId, activationCode: found }),
      );
      break;
    case 'lpa.enable':
      pending = call(() => effects.lpa.enable({ operationId, iccid: command.iccid }), ignoreAnswer, () => ctx.send({ type: 'lpa.enabled', operationId }));
      break;
    case 'lpa.queryProfile':
      pending = call(() => effects.lpa.profileState({ operationId, iccid: command.iccid }), profileAnswer, (state) => ctx.send({ type: 'lpa.profile', operationId, state }));
      break;
  }
  const inFlight = pending;
  if (inFlight.settled || ctx.isStopped()) return;
  // A call that never answers would hold the LPA for every operation: end it on the host's clock.
  const abandon = inFlight.abandon;
  const limit = ctx.lpaTimeoutMs;
  callEffect(
    () => effects.scheduler.set(timeoutId, effects.now() + limit, () => abandon({ activationError: 'unknownError', message: `no answer within ${limit} ms` })),
    ignoreAnswer,
    (outcome) => {
      if (outcome.ok) {
        timeoutArmed = !inFlight.settled;
        if (timeoutArmed) ctx.lpaTimeouts.add(timeoutId);
      } else ctx.effectFailed('scheduler.set', outcome.failure.message);
    },
    ctx.track,
  );
}

/** `effects.modem.present()`, when the host has it; a modem is assumed without it, and when it throws (the download then says what is wrong). */
function modemPresent(ctx: RunContext): boolean {
  const modem = ctx.effects.modem;
  // Stryker disable next-line ConditionalExpression: equivalent; calling the missing present() below answers undefined, which counts as present
  if (modem.present === undefined) return true;
  let answer: unknown = true;
  // Stryker disable next-line OptionalChaining: equivalent; the line above returns when present() is missing
  callEffect(() => modem.present?.(), (value) => value, (outcome) => {
    if (outcome.ok) answer = outcome.value;
    else ctx.effectFailed('modem.present', outcome.failure.message);
  }, ctx.track);
  return answer !== false;
}

/** The code's matching ID, to mask in failure messages (an empty one masks nothing). */
function matchingIdOf(activationCode: string): string | undefined {
  const parsed = parseActivationCode(activationCode);
  return parsed.ok ? parsed.value.matchingId : undefined;
}

const ignoreAnswer: AnswerCheck<void> = () => undefined;

/** `{ iccid }` with a valid ICCID (decision D6, docs/decisions.md), normalized. */
const downloadAnswer: AnswerCheck<string> = (answer) => {
  if (typeof answer !== 'object' || answer === null) throw new Error(`lpa.download must resolve with { iccid }, got ${answer === null ? 'null' : typeof answer}`);
  const checked = validateIccid((answer as { iccid?: unknown }).iccid);
  if (!checked.ok) throw new Error(`lpa.download resolved with an invalid ICCID: ${checked.error.message}`);
  return checked.value.iccid;
};

/** `null`, or `{ activationCode }` with a string code (the core parses it). */
const discoverAnswer: AnswerCheck<string | null> = (answer) => {
  if (answer === null) return null;
  if (typeof answer !== 'object') throw new Error(`lpa.discover must resolve with null or { activationCode }, got ${typeof answer}`);
  const code: unknown = (answer as { activationCode?: unknown }).activationCode;
  if (typeof code !== 'string') throw new Error(`lpa.discover resolved with a non-string activation code (${code === null ? 'null' : typeof code})`);
  return code;
};

const PROFILE_STATES: ReadonlySet<unknown> = new Set<ProfileState>(['enabled', 'disabled', 'absent']);

const profileAnswer: AnswerCheck<ProfileState> = (answer) => {
  if (!PROFILE_STATES.has(answer)) throw new Error(`lpa.profileState must resolve with enabled, disabled or absent, got ${typeof answer === 'string' ? JSON.stringify(answer.slice(0, 40)) : typeof answer}`);
  return answer as ProfileState;
};

/** The activation error an effect named, or `unknownError`; never throws. */
export function activationErrorOf(error: unknown): ReturnType<typeof activationErrorIn> {
  return activationErrorIn(error);
}
