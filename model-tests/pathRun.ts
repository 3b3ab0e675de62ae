import { expect } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import type { FlowContext } from '../machines/types';
import { maskActivationCode } from '../src/domain/activationCode';
import { EVENT_TYPES } from '../src/testing/events';
import { entryEffects, stateNames, type FlowSnapshot } from '../src/testing/machineModel';
import { Checks, expectedSignatures, leaks, ownCommands, signature, theReport, untimedContext } from '../src/testing/observations';
import { replay, type GeneratedPath, type ModelStep } from '../src/testing/paths';
import { BALANCE_ICCID, FOUND_CODE, FOUND_CONFIRM_CODE, modelMachine, OPERATION_ID, PATH_CONFIG, PHYSICAL_ICCID, T0 } from '../src/testing/scenarios';
import type { AsyncStorage } from './asyncStorage';
import { World } from './world';

/*
 * Runs one generated path against the real host on the simulated device and checks, in every
 * state the path visits, what the outside world observed against what the machine says.
 */

/** States after which the operation's profile is installed and enabled. */
const ENABLED_STATES = new Set(['registering', 'waitingToRegister', 'connected', 'notConnected']);
/** Final states in which nothing may have been installed. */
const NOTHING_INSTALLED = new Set(['cancelled', 'expired', 'rejected', 'purchaseCancelled', 'physicalSimPurchased']);

/** What happens at a step boundary, after the state there was checked (boundary 0: the initial state). */
export type BoundaryHook = (run: PathRun, boundary: number) => Promise<void>;

/** The outside world's view at the end of a run, for comparing runs. */
export interface WorldAtEnd {
  readonly operations: unknown;
  readonly reports: unknown;
  readonly callbacks: unknown;
  readonly profiles: unknown;
  readonly timers: unknown;
}

/** One path being driven through the world. */
export class PathRun {
  readonly world: World;
  readonly generated: GeneratedPath;
  readonly model: readonly ModelStep[];
  readonly machine: AnyStateMachine;
  /** How many model steps the world has performed. */
  index = 0;
  #initial: FlowSnapshot;
  /** The first observed step not yet checked. */
  #mark: number;
  #lastEventAt = T0;
  #portalOpen = true;
  #previousDeadline: number | null = null;
  /** The activation code the operation downloads (known at hand-off, or once discovered). */
  #code: string | null;

  private constructor(world: World, generated: GeneratedPath) {
    this.world = world;
    this.generated = generated;
    this.machine = modelMachine(generated.scenario.flow);
    this.model = replay(generated);
    this.#initial = generated.path.steps[0]!.state;
    this.#mark = world.steps.length;
    this.#code = generated.scenario.activationCode;
  }

  static async create(generated: GeneratedPath, storage?: AsyncStorage): Promise<PathRun> {
    const iccid = generated.scenario.input.iccid;
    // The physical SIM's ICCID is in the device's slot, never on the eUICC.
    const profiles = iccid === undefined || iccid === null || iccid === PHYSICAL_ICCID ? [] : [{ iccid: BALANCE_ICCID }];
    return new PathRun(await World.create({ config: PATH_CONFIG, profiles, ...(storage === undefined ? {} : { storage }) }), generated);
  }

  /** The model's state after the steps performed so far. */
  get state(): FlowSnapshot {
    return this.index === 0 ? this.#initial : this.model[this.index - 1]!.after;
  }

  /** Perform the next model step in the world. */
  async perform(): Promise<void> {
    const step = this.model[this.index];
    if (step === undefined) throw new Error('the path has no more steps');
    const { world } = this;
    this.#mark = world.steps.length;
    this.#portalOpen = world.host.state().portalOpen;
    this.#previousDeadline = world.host.state().operations[OPERATION_ID]?.context.deadline ?? null;
    if (step.event.type === 'lpa.discovered') this.#code = step.event.code.confirmationCodeRequired ? FOUND_CONFIRM_CODE : FOUND_CODE;
    const result = await world.perform(step.event, OPERATION_ID, { call: () => world.host.call(this.generated.scenario.call) });
    this.#lastEventAt = world.device.clock.now();
    const c = new Checks();
    if (step.event.type === 'operation.start') c.same(result, { type: 'operation', operationId: OPERATION_ID, created: true }, 'the hand-off reply');
    if (step.event.type === 'portal.cancel') c.same(result, true, 'notifyOperationCancel inside the cancel window');
    c.done(`performing ${step.event.type}`);
    this.index += 1;
  }

  /** Check everything the world shows against the model's current state. */
  check(): void {
    const c = new Checks();
    this.#check(c);
    c.done(`in state ${this.state.value} after ${this.index} steps`);
  }

  #check(c: Checks): void {
    const { world } = this;
    const s = this.state;
    const step = this.index === 0 ? null : this.model[this.index - 1]!;
    const view = world.host.operations().find((o) => o.id === OPERATION_ID);
    const commands = ownCommands(world.commandsSince(this.#mark), OPERATION_ID);
    c.same(world.lpa.overlaps, [], 'one LPA operation at a time');
    c.same(world.writeAheadViolations, [], 'no command runs before its step is stored');
    c.same(leaks(JSON.stringify({ ...world.host.state(), secrets: null })), [], 'matching IDs in the persisted state outside its secrets');
    if (step === null) {
      c.same(view, undefined, 'no operation before the hand-off');
      c.same(commands, [], 'no commands before the hand-off');
      return;
    }
    const final = s.status === 'done';
    c.same(view === undefined ? null : { state: view.state, live: view.live }, { state: s.value, live: !final }, 'the host operation');
    c.same(commands.map(signature), expectedSignatures(step.effects, this.#portalOpen), `the commands of ${step.event.type}`);
    const record = world.host.state().operations[OPERATION_ID];
    const reports = world.reportsOf(OPERATION_ID);
    if (final) {
      c.same(record, undefined, 'a finished operation is not live');
      this.#checkReport(c, s, step);
    } else if (record === undefined) {
      c.fail('the operation is not live');
      return;
    } else {
      c.same(reports, [], 'no report before the end');
      this.#checkContext(c, record.context, s.context, step);
    }
    this.#checkDevice(c, s, record?.context.iccid ?? reports[0]?.iccid ?? null);
    const history = record?.callbacks ?? reports[0]?.callbacks ?? [];
    c.that(history.filter((h) => h.script === 'profileActivationComplete').length <= 1, 'profileActivationComplete at most once (history)');
    c.that(world.callbacks.filter((h) => h.operationId === OPERATION_ID && h.script === 'profileActivationComplete').length <= 1, 'profileActivationComplete at most once (delivered)');
  }

  /** Check what only accumulates: nothing printable ever carried a matching ID. */
  checkPrinted(): void {
    const c = new Checks();
    c.same(this.world.leakedSecrets(), [], 'matching IDs in anything printable');
    c.done('at the end of the path');
  }

  /** Restart the host here and check that nothing moved: state, timers, restored effects. */
  async restart(): Promise<void> {
    const { world } = this;
    const operations = world.host.operations();
    const timers = world.timers();
    const mark = world.steps.length;
    await world.restart();
    const c = new Checks();
    c.same(world.host.operations(), operations, 'operations after a restart');
    c.same(world.timers(), timers, 'deadlines after a restart stay at their original times');
    const live = this.index > 0 && this.state.status !== 'done';
    const restored = ownCommands(world.commandsSince(mark), OPERATION_ID).map(signature);
    c.same(restored, live ? expectedSignatures(entryEffects(this.state), world.host.state().portalOpen) : [], 'a restart re-runs the entry effects of the current state');
    c.done(`restarting in ${this.state.value}`);
    this.#mark = world.steps.length;
  }

  /** What the outside world saw, to compare with another run of the same path. */
  worldAtEnd(): WorldAtEnd {
    const { world } = this;
    return { operations: world.host.operations(), reports: world.reports, callbacks: world.callbacks, profiles: world.device.euicc.profiles(), timers: world.timers() };
  }

  #checkContext(c: Checks, host: FlowContext, model: FlowContext, step: ModelStep): void {
    c.same(host.operationId, model.operationId, 'the operation id');
    c.same(untimedContext(host), untimedContext(model), 'the host operation context');
    c.same(host.createdAt, T0, 'createdAt');
    if (host.startAt !== null) c.same(host.startAt, T0 + host.delayMs, 'startAt is the rounded delay after the hand-off');
    const timer = this.world.device.clock.timer(OPERATION_ID);
    if (host.deadline === null) {
      c.same(timer, undefined, 'no timer without a deadline');
      return;
    }
    c.same(timer, host.deadline, 'the armed timer is the deadline');
    if (step.effects.some((e) => e.type === 'armDeadline')) {
      c.same(host.deadline - this.#lastEventAt, model.deadline! - step.event.now, 'the deadline offset');
    } else {
      c.same(host.deadline, this.#previousDeadline, 'an untouched deadline');
    }
  }

  #checkReport(c: Checks, s: FlowSnapshot, step: ModelStep): void {
    const found = theReport(c, this.world.reportsOf(OPERATION_ID), step, s.value);
    if (found === null) return;
    const { report: r, expected } = found;
    c.same(
      { operationId: r.operationId, flow: r.flow, outcome: r.outcome, activationResult: r.activationResult, activationCode: r.activationCode, registrationState: r.registrationState, startedAt: r.startedAt, endedAt: r.endedAt, hasIccid: r.iccid !== null },
      {
        operationId: OPERATION_ID,
        flow: this.generated.scenario.flow,
        outcome: expected.outcome,
        activationResult: expected.activationResult,
        activationCode: s.context.code?.masked ?? null,
        registrationState: s.context.registrationState,
        startedAt: T0,
        endedAt: this.#lastEventAt,
        hasIccid: s.context.iccid !== null,
      },
      'the report',
    );
    c.same(this.world.host.operations().find((o) => o.id === OPERATION_ID)?.outcome, expected.outcome, 'the outcome the host lists');
  }

  #checkDevice(c: Checks, s: FlowSnapshot, iccid: string | null): void {
    const { device } = this.world;
    const id = OPERATION_ID;
    const code = this.#code;
    if (code !== null) {
      const installed = device.euicc.profiles().filter((p) => p.installedFrom === maskActivationCode(code));
      c.that(installed.length <= 1, 'one profile per activation code');
      if (NOTHING_INSTALLED.has(s.value)) c.same(installed, [], `nothing installed when ${s.value}`);
      if (iccid !== null) c.same(iccid, device.euicc.installedFrom(code), 'the ICCID the eUICC gave');
    } else if (iccid !== null) {
      c.same(iccid, this.generated.scenario.input.iccid, 'the ICCID the portal gave');
    }
    if (ENABLED_STATES.has(s.value)) c.same(device.euicc.enabledIccid(), iccid, 'the enabled profile');
    if (s.value === 'cancelled') {
      const downloads = this.world.steps.flatMap((st) => st.commands).filter((x) => x.type === 'lpa.download' && x.operationId === id);
      c.same(downloads, [], 'a cancelled operation never downloads');
    }
    const ui = device.ui.view();
    c.same(ui.toasts.includes(id), s.value === 'toastShown', 'the toast is up exactly in toastShown');
    if (s.value === 'toastShown') {
      const startAt = this.world.host.state().operations[id]?.context.startAt ?? Number.POSITIVE_INFINITY;
      c.that(device.clock.now() >= startAt, 'the toast comes no sooner than the rounded delay');
    }
    c.same(device.ui.prompt(id), s.value === 'confirmationCode' ? s.context.confirmationAttempts + 1 : null, 'the confirmation prompt');
    if (s.value === 'scheduled') c.same(ui.scheduled[id], T0 + s.context.delayMs, 'the scheduled notice');
    if (s.status === 'done') {
      c.same(ui.progress[id], undefined, 'no progress on screen after the report');
      c.same(ui.scheduled[id], undefined, 'no scheduled notice after the report');
    }
  }
}

/**
 * Drive one generated path with `path.test`: each machine event becomes the world action that
 * causes it, each state visited from boundary `checkFrom` on is checked; `atBoundary` runs after
 * each state (boundary 0: the initial state; boundary i: after step i).
 */
export async function runPath(generated: GeneratedPath, atBoundary?: BoundaryHook, checkFrom = 0, storage?: AsyncStorage): Promise<PathRun> {
  const run = await PathRun.create(generated, storage);
  const perform = () => run.perform();
  const check = async () => {
    if (run.index >= checkFrom) run.check();
    await atBoundary?.(run, run.index);
  };
  await generated.path.test({
    events: Object.fromEntries(EVENT_TYPES.map((type) => [type, perform])),
    states: Object.fromEntries(stateNames(run.machine).map((name) => [name, check])),
  });
  expect(run.index, 'every step of the path was performed').toBe(run.model.length);
  run.checkPrinted();
  return run;
}
