import type { FlowContext } from '../../machines/types';
import type { Command } from '../core/commands';
import { createHost, type Host, type ObservedStep } from '../host/host';
import { caseEnvironment, completeEffects, type EffectsUnderTest, type MakeEffects } from './environment';
import { causeEvent } from './causeEvent';
import type { LpaCallKind } from './kitLpa';
import { entryEffects, type FlowSnapshot } from './machineModel';
import { Checks, ConformanceError, expectedCallbacks, expectedSignatures, leaks, ownCommands, signature, theReport, untimedContext } from './observations';
import { ObservedEffects } from './observedEffects';
import { replay, type GeneratedPath, type ModelStep } from './paths';
import { BALANCE_ICCID, PATH_CONFIG } from './scenarios';

/*
 * One conformance case at work: a generated path driven through `createHost` over the effects
 * under test, with what the outside world observed checked in every state the path visits.
 * Only what crosses the effects boundary is trusted: LPA calls, timers firing, the screen,
 * callbacks, reports, the stored document (through a restart).
 */

/** The outside world's view at the end of a run, to compare runs of one path. */
export interface CaseOutcome {
  readonly operations: unknown;
  readonly reports: unknown;
  readonly callbacks: unknown;
  readonly timers: unknown;
}

/** LPA call kinds by the command that makes them. */
const LPA_CALL_OF: Readonly<Record<string, LpaCallKind>> = { 'lpa.download': 'download', 'lpa.discover': 'discover', 'lpa.enable': 'enable', 'lpa.queryProfile': 'profileState' };

/** One path being driven over the effects under test. */
export class CaseRun {
  readonly name: string;
  readonly generated: GeneratedPath;
  readonly model: readonly ModelStep[];
  readonly observed: ObservedEffects;
  readonly steps: ObservedStep[] = [];
  host: Host;
  /** How many model steps were performed. */
  index = 0;
  restarts = 0;
  readonly #under: EffectsUnderTest;
  readonly #start: number;
  #operationId: string | null = null;
  #mark = 0;
  #portalOpen = true;
  #lastEventAt: number;
  #previousDeadline: number | null = null;

  private constructor(name: string, generated: GeneratedPath, under: EffectsUnderTest, observed: ObservedEffects) {
    this.name = name;
    this.generated = generated;
    this.model = replay(generated);
    this.#under = under;
    this.observed = observed;
    this.#start = observed.clock.now();
    this.#lastEventAt = this.#start;
    this.host = this.#newHost();
  }

  /** A started case: fresh effects, a host on them. */
  static async start(name: string, generated: GeneratedPath, makeEffects: MakeEffects, answerLimitMs: number): Promise<CaseRun> {
    const { iccid } = generated.scenario.input;
    const environment = caseEnvironment(iccid === undefined || iccid === null ? [] : [BALANCE_ICCID]);
    const under = await makeEffects(environment);
    const observed = new ObservedEffects(completeEffects(environment, under), under.clock ?? environment.clock, answerLimitMs);
    const run = new CaseRun(name, generated, under, observed);
    await run.#started();
    return run;
  }

  /** The model's state after the steps performed so far. */
  get state(): FlowSnapshot {
    return this.index === 0 ? this.generated.path.steps[0]!.state : this.model[this.index - 1]!.after;
  }

  /** Where the run is, for failure messages: `step 3 of 5 (lpa.downloaded → enabling)`. */
  where(): string {
    return `${this.name}: ${this.#step()}`;
  }

  #step(index = this.index): string {
    const step = this.model[index - 1];
    return step === undefined ? 'before the first step' : `step ${index} of ${this.model.length} (${step.event.type} → ${step.after.value})`;
  }

  /** Perform the next model step on the effects under test, and settle. */
  async perform(): Promise<void> {
    const step = this.model[this.index];
    if (step === undefined) throw new Error('the path has no more steps');
    this.#mark = this.steps.length;
    this.#portalOpen = this.host.state().portalOpen;
    this.#previousDeadline = this.#record()?.context.deadline ?? null;
    const c = new Checks();
    this.observed.where = this.#step(this.index + 1);
    try {
      const result = await causeEvent(step.event, {
        host: this.host,
        observed: this.observed,
        call: this.generated.scenario.call,
        operationId: () => this.#id(),
        iccid: () => this.#iccid(),
        started: (id) => void (this.#operationId = id),
      });
      await this.#settle();
      if (step.event.type === 'portal.cancel') c.same(result, true, 'notifyOperationCancel inside the cancel window');
    } catch (error) {
      c.fail(error instanceof Error ? error.message : String(error));
    }
    this.#lastEventAt = this.observed.clock.now();
    this.index += 1;
    c.done(`${this.where()}, performing it`);
  }

  /** Check what the outside world shows against the model's current state. */
  check(): void {
    const c = new Checks();
    this.#check(c);
    c.done(this.where());
  }

  /**
   * After the last step: run the clock on to the last time any timer was set for, so that a
   * timer the scheduler should have forgotten fires now; then check once more.
   */
  async finish(): Promise<void> {
    const latest = Math.max(...this.observed.timerTimes);
    if (this.state.status === 'done' && latest > this.observed.clock.now()) {
      await this.observed.clock.advanceTo(latest);
      await this.#settle();
    }
    const c = new Checks();
    c.same(this.observed.timerProblems, [], 'the scheduler');
    c.same(this.#leaked(), [], 'matching IDs in anything the effects received to print or show');
    c.done(`${this.name}: after the last step (${this.model.length}), with the clock run on to the last timer`);
  }

  /** Restart here: drop the host, start a new one on the same effects; check that nothing moved. */
  async restart(): Promise<void> {
    await this.#settle();
    const operations = this.host.operations();
    const timers = this.timers();
    const mark = this.steps.length;
    this.host.stop();
    await this.observed.lpa.dropForRestart();
    this.host = this.#newHost();
    this.restarts += 1;
    await this.#started();
    const c = new Checks();
    c.same(this.host.operations(), operations, 'the operations after a restart (the document the storage loaded)');
    c.same(this.timers(), timers, 'the deadlines after a restart stay at their original times');
    const live = this.index > 0 && this.state.status !== 'done';
    const restored = this.#ownCommands(mark).map(signature);
    c.same(restored, live ? expectedSignatures(entryEffects(this.state), this.host.state().portalOpen) : [], 'a restart re-runs the entry effects of the current state');
    c.same(this.observed.lpa.problems, [], 'the LPA');
    c.done(`${this.where()}, restarting the host there`);
    this.#mark = this.steps.length;
  }

  /** The host's armed deadlines, as the effects were asked for them. */
  timers(): Array<{ id: string; at: number }> {
    const id = this.#operationId;
    const at = id === null ? undefined : this.observed.armedAt(id);
    return id === null || at === undefined ? [] : [{ id, at }];
  }

  /** What the outside world saw, to compare with another run of the same path. */
  /** What the run ended with, the operation's id written as `<operation>`: each host draws its own ids. */
  outcome(): CaseOutcome {
    const outcome = { operations: this.host.operations(), reports: this.observed.reports, callbacks: this.observed.callbacks, timers: this.timers() };
    const id = this.#operationId;
    if (id === null) return outcome;
    return JSON.parse(JSON.stringify(outcome, (_key, value: unknown) => (value === id ? '<operation>' : value))) as CaseOutcome;
  }

  #newHost(): Host {
    const host = createHost({ effects: this.observed.effects, config: PATH_CONFIG, observe: (step) => this.steps.push(step) });
    this.#under.attach?.(host);
    return host;
  }

  async #started(): Promise<void> {
    try {
      await this.observed.withinLimit(this.host.start(), 'host.start (storage.load)');
      await this.#settle();
    } catch (error) {
      throw new ConformanceError(`${this.where()}, starting the host`, [error instanceof Error ? error.message : String(error)]);
    }
  }

  #settle(): Promise<void> {
    return this.observed.settle(() => this.steps.length);
  }

  #record() {
    return this.#operationId === null ? undefined : this.host.state().operations[this.#operationId];
  }

  #id(): string {
    if (this.#operationId === null) throw new Error('no operation yet');
    return this.#operationId;
  }

  #iccid(): string {
    const iccid = this.#record()?.context.iccid ?? null;
    if (iccid === null) throw new Error(`operation ${this.#id()} has no ICCID to report a registration change for`);
    return iccid;
  }

  #ownCommands(from: number): Command[] {
    const id = this.#operationId;
    return id === null ? [] : ownCommands(this.steps.slice(from).flatMap((s) => s.commands), id);
  }

  #check(c: Checks): void {
    const { observed } = this;
    const s = this.state;
    c.same(observed.lpa.overlaps, [], 'one LPA call at a time');
    c.same(observed.lpa.problems, [], 'the LPA');
    c.same(observed.timerProblems, [], 'the scheduler');
    c.same(observed.lateAnswers, [], 'effects that never answered');
    const asked = this.steps.flatMap((st) => st.commands).flatMap((cmd) => (LPA_CALL_OF[cmd.type] === undefined ? [] : [LPA_CALL_OF[cmd.type]]));
    c.same(observed.lpa.calls.map((call) => call.kind), asked, 'the LPA calls, in the order the host made them');
    const id = this.#operationId;
    if (this.index === 0 || id === null) {
      c.same(this.host.operations(), [], 'no operation before the hand-off');
      return;
    }
    const step = this.model[this.index - 1]!;
    const final = s.status === 'done';
    const view = this.host.operations().find((o) => o.id === id);
    c.same(view === undefined ? null : { state: view.state, live: view.live }, { state: s.value, live: !final }, 'the host operation');
    c.same(this.#ownCommands(this.#mark).map(signature), expectedSignatures(step.effects, this.#portalOpen), `what the host asked of the effects for ${step.event.type}`);
    const record = this.#record();
    const reports = observed.reports.filter((r) => r.operationId === id);
    const iccid = record?.context.iccid ?? reports[0]?.iccid ?? null;
    this.#checkCallbacks(c, id, step, iccid);
    if (final) this.#checkReport(c, id, s, step);
    else c.same(reports.length, 0, 'no report before the end');
    if (record !== undefined) this.#checkContext(c, id, record.context, s.context, step);
    if (s.value === 'cancelled') c.same(observed.lpa.calls.filter((call) => call.kind === 'download'), [], 'no download after a cancel');
    c.same(observed.toasts.has(id), s.value === 'toastShown', 'the toast is up exactly in toastShown');
    const shownAt = observed.toastShownAt.get(id);
    if (shownAt !== undefined) c.that(shownAt >= this.#start + s.context.delayMs, `the toast not before the rounded deadline (${s.context.delayMs / 60_000} min after the hand-off)`);
    if (s.value === 'confirmationCode') c.same(observed.prompts.get(id), s.context.confirmationAttempts + 1, 'the confirmation prompt shows the attempt');
  }

  /** The callbacks the effects delivered in this step: exactly the spec's JSON, in order, at most one activation result. */
  #checkCallbacks(c: Checks, id: string, step: ModelStep, iccid: string | null): void {
    const delivered = this.observed.callbacks.filter((cb) => cb.operationId === id);
    const fromStep = this.steps.slice(this.#mark).flatMap((st) => st.commands).filter((cmd) => cmd.type === 'portal.callback').length;
    const thisStep = delivered.slice(delivered.length - fromStep).map(({ script, args }) => ({ script, args }));
    c.same(thisStep, expectedCallbacks(step.effects, this.#portalOpen, iccid), `the callbacks of ${step.event.type}, as the portal receives them`);
    c.that(delivered.filter((cb) => cb.script === 'profileActivationComplete').length <= 1, 'profileActivationComplete at most once');
  }

  #checkReport(c: Checks, id: string, s: FlowSnapshot, step: ModelStep): void {
    const found = theReport(c, this.observed.reports.filter((r) => r.operationId === id), step, s.value);
    if (found === null) return;
    const { report: r, expected } = found;
    c.same(
      { operationId: r.operationId, flow: r.flow, outcome: r.outcome, activationResult: r.activationResult, activationCode: r.activationCode, startedAt: r.startedAt, endedAt: r.endedAt },
      { operationId: id, flow: this.generated.scenario.flow, outcome: expected.outcome, activationResult: expected.activationResult, activationCode: s.context.code?.masked ?? null, startedAt: this.#start, endedAt: this.#lastEventAt },
      'the report',
    );
  }

  #checkContext(c: Checks, id: string, host: FlowContext, model: FlowContext, step: ModelStep): void {
    c.same(untimedContext(host), untimedContext(model), 'the host operation context');
    const timer = this.observed.armedAt(id);
    if (host.deadline === null) {
      c.same(timer, undefined, 'no timer without a deadline');
      return;
    }
    c.same(timer, host.deadline, 'the timer set is the deadline');
    if (step.effects.some((e) => e.type === 'armDeadline')) c.same(host.deadline - this.#lastEventAt, model.deadline! - step.event.now, 'the deadline, from the step that armed it');
    else c.same(host.deadline, this.#previousDeadline, 'an untouched deadline');
  }

  /** Matching IDs in anything the effects were given to print, show or deliver (the download and the stored document may carry them). */
  #leaked(): string[] {
    const { observed } = this;
    const printable = { ui: observed.uiCalls, callbacks: observed.callbacks, reports: observed.reports, diagnostics: observed.diagnostics };
    return Object.entries(printable).flatMap(([part, value]) => leaks(JSON.stringify(value)).map((secret) => `${part}: ${secret}`));
  }
}
