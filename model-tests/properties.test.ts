import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NetworkRegistrationState } from '../src/domain/enums';
import { asyncStorageFor } from './asyncStorage';
import type { HeldOutcomes, LpaCallKind } from './heldLpa';
import { HAND_OFFS, machineState, ReferenceModel, type HandOff, type LpaAnswer } from './referenceModel';
import { BALANCE_ICCID, CONFIRMATION_CODE, MINUTE, PATH_CONFIG, T0 } from '../src/testing/scenarios';
import { World } from './world';

/*
 * Random interleavings of portal calls, device answers, clock advances, cancels, the user's
 * answers and host restarts, against a small reference model of what each operation's outcome
 * should be. Seeded: FC_SEED=<n> replays a run; the seed in use is printed.
 */

const SEED = Number(process.env['FC_SEED'] ?? 20260101);
const NUM_RUNS = 1000;
const ASYNC_RUNS = 300;

type Cmd = fc.AsyncCommand<ReferenceModel, World>;

/** The answers the LPA can give per kind, for the world and for the model. */
const ANSWERS: { [K in LpaCallKind]: ReadonlyArray<{ real: HeldOutcomes[K]; model: LpaAnswer }> } = {
  download: [
    { real: 'success', model: { kind: 'download', ok: true } },
    { real: 'serverNotReachable', model: { kind: 'download', ok: false, error: 'serverNotReachable' } },
    { real: 'confirmationCodeMissing', model: { kind: 'download', ok: false, error: 'confirmationCodeMissing' } },
  ],
  enable: [
    { real: 'success', model: { kind: 'enable', ok: true } },
    { real: 'cardBusy', model: { kind: 'enable', ok: false, error: 'cardBusy' } },
  ],
  discover: [
    { real: { profileReady: true }, model: { kind: 'discover', ok: true, found: true } },
    { real: 'nothing', model: { kind: 'discover', ok: true, found: false } },
    { real: 'serverNotReachable', model: { kind: 'discover', ok: false, error: 'serverNotReachable' } },
  ],
  profileState: [
    { real: 'success', model: { kind: 'profileState', ok: true } },
    { real: 'notAuthorized', model: { kind: 'profileState', ok: false, error: 'notAuthorized' } },
  ],
};

/** Everything the world shows must match the model. */
function verify(m: ReferenceModel, w: World): void {
  const views = w.host.operations();
  expect(views.map((v) => v.id).sort(), 'the host has exactly the operations the model has').toEqual(m.operations.map((o) => o.id).sort());
  for (const op of m.operations) {
    const view = views.find((v) => v.id === op.id)!;
    const reports = w.reportsOf(op.id);
    if (op.phase.name === 'done') {
      expect(view, `${op.id} (${op.flow})`).toMatchObject({ live: false, outcome: op.phase.outcome });
      expect(reports.map((r) => [r.outcome, r.activationResult]), `${op.id}: one report`).toEqual([[op.phase.outcome, op.phase.activationResult]]);
    } else {
      expect(view, `${op.id} (${op.flow})`).toMatchObject({ live: true, state: machineState(op.phase) });
      expect(reports, `${op.id}: no report yet`).toEqual([]);
      expect(w.device.clock.timer(op.id), `${op.id}: its deadline`).toBe('deadline' in op.phase ? op.phase.deadline : undefined);
    }
    const history = w.host.state().operations[op.id]?.callbacks ?? reports[0]?.callbacks ?? [];
    expect(history.filter((c) => c.script === 'profileActivationComplete').length, `${op.id}: profileActivationComplete at most once`).toBeLessThanOrEqual(1);
  }
  expect(w.lpa.overlaps, 'one LPA operation at a time').toEqual([]);
  expect(w.writeAheadViolations, 'no command runs before its step is stored').toEqual([]);
  const held = w.lpa.held();
  const waiting = m.live().filter((op) => op.phase.name === 'lpa');
  if (held[0] === undefined) expect(waiting.map((op) => op.id), 'operations waiting for an idle LPA').toEqual([]);
  else expect(m.operations.find((op) => op.id === held[0]!.operationId)?.phase, 'the held LPA call').toEqual({ name: 'lpa', kind: held[0].kind });
  const fromCodes = w.device.euicc.profiles().filter((p) => p.installedFrom !== undefined);
  expect(fromCodes.length, 'one profile per activation code').toBe(m.installed.size);
  for (const [code, iccid] of m.installed) expect(w.device.euicc.installedFrom(code)).toBe(iccid);
}

const pick = <T>(items: readonly T[], n: number): T | undefined => (items.length === 0 ? undefined : items[n % items.length]);

// The simulated device draws an id for every hand-off, `op-1`, `op-2`, ..., used or not
// (an idempotent one returns the operation already downloading the code).
const drawnIds = new WeakMap<ReferenceModel, number>();

class HandOffCommand implements Cmd {
  constructor(readonly handOff: HandOff) {}
  check = () => true;
  async run(m: ReferenceModel, w: World) {
    const drawn = (drawnIds.get(m) ?? 0) + 1;
    drawnIds.set(m, drawn);
    const expected = m.handOff(this.handOff, `op-${drawn}`);
    const reply = w.host.call(this.handOff.call);
    await w.settle();
    expect(reply, `hand-off ${this.handOff.name}`).toEqual({ type: 'operation', ...expected });
    verify(m, w);
  }
  toString = () => `handOff(${this.handOff.name})`;
}

class AnswerLpaCommand implements Cmd {
  constructor(readonly choice: number) {}
  check = () => true;
  async run(m: ReferenceModel, w: World) {
    const held = w.lpa.held()[0];
    if (held !== undefined) {
      const op = m.operations.find((o) => o.id === held.operationId)!;
      const answer = pick(ANSWERS[held.kind] as ReadonlyArray<{ real: unknown; model: LpaAnswer }>, this.choice)!;
      w.lpa.answer(held.operationId, held.kind, answer.real as never);
      await w.settle();
      const installed = held.kind === 'download' && m.alreadyInstalled(op);
      const record = w.host.state().operations[op.id];
      m.lpaAnswered(op, installed ? { kind: 'download', ok: true } : answer.model, { iccid: record?.context.iccid ?? null, foundCode: w.host.state().secrets.operations[op.id]?.activationCode ?? null });
    }
    verify(m, w);
  }
  toString = () => `answerLpa(${this.choice})`;
}

class RegistrationCommand implements Cmd {
  constructor(readonly choice: number, readonly state: NetworkRegistrationState) {}
  check = () => true;
  async run(m: ReferenceModel, w: World) {
    const registering = m.live().filter((op) => op.phase.name === 'registering');
    const iccid = pick(registering, this.choice)?.iccid ?? BALANCE_ICCID;
    w.device.modem.change(iccid, this.state);
    await w.settle();
    m.registration(iccid, this.state);
    verify(m, w);
  }
  toString = () => `registration(${this.choice}, ${this.state})`;
}

/** The modem's register fails naming modemNotFound, as the host's run loop reports it (decision D38). */
class ModemFailedCommand implements Cmd {
  constructor(readonly choice: number) {}
  check = () => true;
  async run(m: ReferenceModel, w: World) {
    const op = pick(m.operations, this.choice);
    if (op !== undefined) {
      w.host.send({ type: 'modem.failed', operationId: op.id, error: 'modemNotFound' });
      await w.settle();
      m.modemFailed(op);
    }
    verify(m, w);
  }
  toString = () => `modemFailed(${this.choice})`;
}

class AdvanceCommand implements Cmd {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(m: ReferenceModel, w: World) {
    // On an asynchronous storage, saves take microtasks, not virtual time: they complete between two timer firings.
    if (w.storage === undefined) w.device.clock.advance(this.ms);
    else await w.device.clock.advanceAsync(this.ms, () => w.settle());
    await w.settle();
    m.advanceTo(w.device.clock.now());
    verify(m, w);
  }
  toString = () => `advance(${this.ms / MINUTE} min)`;
}

class CancelCommand implements Cmd {
  constructor(readonly choice: number) {}
  check = () => true;
  async run(m: ReferenceModel, w: World) {
    const id = pick(m.operations, this.choice)?.id ?? 'op-99';
    const expected = m.cancel(id);
    expect(w.host.cancel(id), `cancel ${id}`).toBe(expected);
    await w.settle();
    verify(m, w);
  }
  toString = () => `cancel(${this.choice})`;
}

type UserAction = 'accept' | 'dismiss' | 'start' | 'code' | 'abort';

class UserCommand implements Cmd {
  constructor(readonly action: UserAction, readonly choice: number) {}
  check = () => true;
  async run(m: ReferenceModel, w: World) {
    const op = pick(m.operations, this.choice);
    if (op !== undefined) {
      const { user } = w.device;
      ({ accept: () => user.acceptToast(op.id), dismiss: () => user.dismissToast(op.id), start: () => user.startDownload(op.id), code: () => user.confirmationCode(op.id, CONFIRMATION_CODE), abort: () => user.abort(op.id) })[this.action]();
      await w.settle();
      m.user(op, this.action);
    }
    verify(m, w);
  }
  toString = () => `user(${this.action}, ${this.choice})`;
}

class RestartCommand implements Cmd {
  check = () => true;
  async run(m: ReferenceModel, w: World) {
    const operations = w.host.operations();
    const timers = w.timers();
    const inFlight = w.lpa.held();
    await w.restart();
    expect(w.host.operations(), 'a restart keeps every operation where it stood').toEqual(operations);
    expect(w.timers(), 'a restart keeps every deadline at its time').toEqual(timers);
    expect(w.lpa.held(), 'the LPA call in flight is issued again first').toEqual(inFlight);
    verify(m, w);
  }
  toString = () => 'restart';
}

class RestartLaterCommand implements Cmd {
  constructor(readonly downMs: number) {}
  check = () => true;
  async run(m: ReferenceModel, w: World) {
    await w.restart(this.downMs);
    m.restartedAt(w.device.clock.now());
    verify(m, w);
  }
  toString = () => `restartAfter(${this.downMs / MINUTE} min down)`;
}

const commands = [
  fc.constantFrom(...HAND_OFFS).map((h): Cmd => new HandOffCommand(h)),
  fc.nat(11).map((n): Cmd => new AnswerLpaCommand(n)),
  fc.nat(11).map((n): Cmd => new AnswerLpaCommand(n)),
  fc.tuple(fc.nat(5), fc.constantFrom<NetworkRegistrationState>('home', 'roaming', 'denied', 'searching')).map(([n, s]): Cmd => new RegistrationCommand(n, s)),
  fc.constantFrom(1, 5, 15, 30, 60, 24 * 60, 8 * 24 * 60).map((min): Cmd => new AdvanceCommand(min * MINUTE)),
  fc.nat(7).map((n): Cmd => new ModemFailedCommand(n)),
  fc.nat(7).map((n): Cmd => new CancelCommand(n)),
  fc.tuple(fc.constantFrom<UserAction>('accept', 'dismiss', 'start', 'code', 'abort'), fc.nat(7)).map(([a, n]): Cmd => new UserCommand(a, n)),
  fc.constant<Cmd>(new RestartCommand()),
  fc.constantFrom(5, 60, 2 * 24 * 60).map((min): Cmd => new RestartLaterCommand(min * MINUTE)),
];

describe('random interleavings against the reference model', () => {
  it(`${NUM_RUNS} runs of up to 30 portal calls, device answers, modem failures, clock advances, cancels, user actions and restarts (also after downtime)`, async () => {
    console.log(`fast-check seed ${SEED}, ${NUM_RUNS} runs (replay: FC_SEED=${SEED} npx vitest run model-tests/properties.test.ts)`);
    let commandsRun = 0;
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30, size: 'max' }), async (cmds) => {
        const world = await World.create({ config: PATH_CONFIG, profiles: [{ iccid: BALANCE_ICCID }] });
        await fc.asyncModelRun(() => ({ model: new ReferenceModel(T0), real: world }), cmds);
        commandsRun += [...cmds].length;
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
    console.log(`fast-check: ${NUM_RUNS} runs, ${commandsRun} commands`);
  }, 180_000); // about 10 s alone; several times that on 2 shared cores

  it(`${ASYNC_RUNS} runs of the same on an asynchronous storage whose saves complete late, between the host's other work`, async () => {
    let commandsRun = 0;
    let restarts = 0;
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30, size: 'max' }), fc.nat(), async (cmds, storageSeed) => {
        const world = await World.create({ config: PATH_CONFIG, profiles: [{ iccid: BALANCE_ICCID }], storage: asyncStorageFor(storageSeed) });
        await fc.asyncModelRun(() => ({ model: new ReferenceModel(T0), real: world }), cmds);
        commandsRun += [...cmds].length;
        restarts += world.restarts;
      }),
      { seed: SEED, numRuns: ASYNC_RUNS },
    );
    console.log(`fast-check on an asynchronous storage: ${ASYNC_RUNS} runs, ${commandsRun} commands, ${restarts} restarts`);
  }, 180_000);
});
