import type { FlowEvent, ProfileState } from '../machines/types';
import type { CallbackScript, Command, CommandType, Report } from '../src/core/commands';
import type { Reply } from '../src/core/inputs';
import type { ActivationError } from '../src/domain/enums';
import type { Effects, MaybePromise } from '../src/host/effects';
import type { CoreState } from '../src/core/state';
import type { DocumentChanges, StoredRecords } from '../src/core/storedRecords';
import { createHost, type Host, type HostConfig, type ObservedStep } from '../src/host/host';
import { createSimulatedDevice, settleMicrotasks, type ActivationFailure, type InitialProfile, type SimulatedDevice } from '../src/sim/device/index';
import { lpaTimeoutId } from '../src/host/run';
import type { AsyncStorage } from './asyncStorage';
import { HeldLpa } from './heldLpa';
import { CONFIRMATION_CODE, FOUND_CODE, FOUND_CONFIRM_CODE, SECRET_MATCHING_IDS } from '../src/testing/scenarios';

/*
 * The world a model test drives: the real host (`createHost`) on the simulated device, with
 * the LPA held (answers come when the test gives them) and the modem silent (registration
 * changes come when the test reports them). Everything the outside world sees is recorded.
 */

/** A callback as the portal received it. */
export interface SeenCallback {
  readonly operationId: string;
  readonly script: CallbackScript;
  readonly args: Record<string, unknown>;
}

export interface WorldOptions {
  readonly config?: HostConfig;
  /** An asynchronous storage instead of the device's synchronous one. */
  readonly storage?: AsyncStorage;
  /** Profiles on the eUICC at the start. */
  readonly profiles?: readonly InitialProfile[];
}

/**
 * Where a crash inside a step falls: after its save began, before it ended (the step is lost);
 * after the save reached the disk, before the host heard of it (its commands never ran); or no
 * crash, but the step's save fails once.
 */
export type CrashInside = 'beforeSaveEnded' | 'afterSaveBeforeCommands' | 'saveFailsOnce';

const HELD_LPA_TIMEOUT_MS = 365 * 24 * 60 * 60_000;
const LPA_TIMEOUT_PREFIX = lpaTimeoutId('');

/** A host timer as the virtual clock holds it. */
export interface PendingTimer {
  readonly id: string;
  readonly at: number;
}

/** The simulated device and the host on it, with everything observed. */
export class World {
  readonly device: SimulatedDevice;
  readonly lpa: HeldLpa;
  readonly effects: Effects;
  readonly config: HostConfig;
  /** Every step of every host, in order: input, commands, reply. */
  readonly steps: ObservedStep[] = [];
  readonly callbacks: SeenCallback[] = [];
  readonly reports: Report[] = [];
  host: Host;
  restarts = 0;
  /** The asynchronous storage, when the world has one. */
  readonly storage: AsyncStorage | undefined;
  /** Commands that ran before their step was stored, or out of order (must stay empty). */
  readonly writeAheadViolations: string[] = [];
  /** The next model step crashes the host inside its step (see {@link CrashInside}). */
  crashInside: CrashInside | null = null;
  /** Commands observed but not run yet, in order, with the number of the step that asked for them. */
  #expected: Array<{ type: CommandType; step: number }> = [];
  #observedSteps = 0;
  /** The last step whose state a completed save holds. */
  #durableThrough = 0;

  private constructor(options: WorldOptions) {
    // The held LPA answers when the test says so, and the reference model knows no LPA timeout:
    // a year keeps it out of the way (test/host/timers.test.ts tests the timeout itself).
    this.config = { lpaTimeoutMs: HELD_LPA_TIMEOUT_MS, ...options.config };
    this.device = createSimulatedDevice({
      registration: 'none',
      ...(options.profiles === undefined ? {} : { profiles: options.profiles }),
      onCallback: (operationId, script, args) => this.callbacks.push({ operationId, script, args: JSON.parse(args) as Record<string, unknown> }),
      onReport: (report) => this.reports.push(report),
    });
    this.lpa = new HeldLpa(this.device.effects.lpa, this.device.lpa);
    this.storage = options.storage;
    // Ids as the simulated device draws them (op-1, op-2, ...), but counted by the host's process:
    // a process that dies inside a step forgets the ids it drew and never stored.
    const newId = () => `op-${(this.#drawnIds += 1)}`;
    this.effects = this.#watched({ ...this.device.effects, newId, lpa: this.lpa, storage: options.storage ?? this.device.effects.storage });
    this.host = this.#newHost();
  }

  /** A started world. */
  static async create(options: WorldOptions = {}): Promise<World> {
    const world = new World(options);
    await world.host.start();
    await world.settle();
    return world;
  }

  #drawnIds = 0;

  #newHost(): Host {
    this.#expected = []; // the host before it dropped whatever it had not run
    const host = createHost({
      effects: this.effects,
      config: this.config,
      observe: (step) => {
        this.steps.push(step);
        const number = ++this.#observedSteps;
        for (const command of step.commands) this.#expected.push({ type: command.type, step: number });
      },
    });
    this.device.attach(host);
    return host;
  }

  /**
   * The effects, watched: a save, once complete, makes every step observed before it durable;
   * each command's effect call must come in the order the steps asked for them, and only once
   * its step is durable. The host's own effect calls (LPA timeouts, effect-failure diagnostics)
   * are not commands and are let through.
   */
  #watched(effects: Effects): Effects {
    const ran = (type: CommandType) => {
      const next = this.#expected.shift();
      if (next === undefined || next.type !== type) this.writeAheadViolations.push(`${type} ran, but ${next?.type ?? 'no command'} was next`);
      else if (next.step > this.#durableThrough) this.writeAheadViolations.push(`${type} of step ${next.step} ran before its save (stored through step ${this.#durableThrough})`);
    };
    const on = <A extends unknown[], R>(type: CommandType, run: (...args: A) => R) => (...args: A): R => (ran(type), run(...args));
    const { lpa, modem, ui, scheduler, storage } = effects;
    const internalTimer = (timerId: string) => timerId.startsWith(LPA_TIMEOUT_PREFIX);
    return {
      ...effects,
      lpa: {
        download: on('lpa.download', (r) => lpa.download(r)),
        discover: on('lpa.discover', (r) => lpa.discover(r)),
        enable: on('lpa.enable', (r) => lpa.enable(r)),
        profileState: on('lpa.queryProfile', (r) => lpa.profileState(r)),
      },
      modem: { register: on('modem.register', (r) => modem.register(r)), ...(modem.physicalIccid === undefined ? {} : { physicalIccid: modem.physicalIccid }) },
      ui: {
        progress: on('ui.progress', (...a: Parameters<Effects['ui']['progress']>) => ui.progress(...a)),
        scheduled: on('ui.scheduled', (...a: Parameters<Effects['ui']['scheduled']>) => ui.scheduled(...a)),
        toast: on('ui.toast', (id: string) => ui.toast(id)),
        hideToast: on('ui.hideToast', (id: string) => ui.hideToast(id)),
        confirmationCode: on('ui.confirmationCode', (id: string, attempt: number) => ui.confirmationCode(id, attempt)),
        returnToApp: on('ui.returnToApp', (id: string) => ui.returnToApp(id)),
      },
      scheduler: {
        set: (timerId, at, fire) => (internalTimer(timerId) ? undefined : ran('scheduler.set'), scheduler.set(timerId, at, fire)),
        clear: (timerId) => (internalTimer(timerId) ? undefined : ran('scheduler.clear'), scheduler.clear(timerId)),
      },
      callback: on('portal.callback', (...a: Parameters<Effects['callback']>) => effects.callback(...a)),
      report: on('report', (r: Report) => effects.report(r)),
      diagnostic: (notice) => (notice.diagnostic.code === 'effectFailed' ? undefined : ran('diagnostic'), effects.diagnostic(notice)),
      storage: {
        load: () => storage.load(),
        ...(storage.save === undefined ? {} : { save: (document: CoreState) => this.#durable(storage.save!(document)) }),
        ...(storage.write === undefined ? {} : { write: (changes: DocumentChanges) => this.#durable(storage.write!(changes)) }),
      },
    };
  }

  /** Note, once `saving` ends well, that every step observed so far is durable. */
  #durable(saving: MaybePromise<void>): MaybePromise<void> {
    const covers = this.#observedSteps;
    const stored = () => void (this.#durableThrough = Math.max(this.#durableThrough, covers));
    if (saving instanceof Promise) return saving.then(stored);
    stored();
    return saving;
  }

  /**
   * Let effect answers given through promises reach the host, and its commands run. (Not
   * `host.idle()`: a held LPA call keeps the host busy until the test answers it.)
   */
  async settle(): Promise<void> {
    if (this.storage === undefined) await settleMicrotasks();
    else await this.storage.settle();
  }

  /**
   * A host restart: persist, drop the host, start a new one from the stored document on the
   * same device, `downMs` of virtual time later (timers that fall due meanwhile reach no host).
   */
  async restart(downMs = 0): Promise<void> {
    await this.settle();
    this.host.stop();
    this.lpa.drop();
    this.device.clock.advance(downMs);
    this.host = this.#newHost();
    this.restarts += 1;
    await this.host.start();
    await this.settle();
  }

  /** The operations' timers waiting on the virtual clock, by id (ties may fire in either order); not the host's LPA timeouts. */
  timers(): PendingTimer[] {
    return this.device.clock
      .pending()
      .flatMap((p) => (p.id === undefined || p.id.startsWith(LPA_TIMEOUT_PREFIX) ? [] : [{ id: p.id, at: p.at }]))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Every command observed since step number `from`. */
  commandsSince(from: number): Command[] {
    return this.steps.slice(from).flatMap((s) => s.commands);
  }

  reportsOf(operationId: string): Report[] {
    return this.reports.filter((r) => r.operationId === operationId);
  }

  /** Put a profile of the eUICC in the state the LPA is about to report. */
  setProfile(iccid: string, state: ProfileState): void {
    const { euicc } = this.device;
    if (state === 'absent') euicc.remove(iccid);
    else if (state === 'enabled') euicc.enable(iccid);
    else euicc.disable(iccid);
    if (euicc.profileState(iccid) !== state) throw new Error(`world: cannot make profile ${iccid} ${state}`);
  }

  /**
   * Everything printable the world holds, by part: the persisted document without its secrets,
   * the observed commands (apart from `lpa.download`, the one command that carries the code),
   * reports, callbacks, trace, screen and eUICC listing.
   */
  printable(): Record<string, string> {
    const commands = this.steps.flatMap((s) => s.commands).filter((c) => c.type !== 'lpa.download');
    return {
      state: JSON.stringify({ ...this.host.state(), secrets: null }),
      commands: JSON.stringify(commands),
      reports: JSON.stringify(this.reports),
      callbacks: JSON.stringify(this.callbacks),
      trace: JSON.stringify(this.device.trace),
      ui: JSON.stringify(this.device.ui),
      euicc: JSON.stringify(this.device.euicc),
    };
  }

  /** The matching IDs found in anything printable, as `part: id` (must be none). */
  leakedSecrets(): string[] {
    return Object.entries(this.printable()).flatMap(([part, text]) => SECRET_MATCHING_IDS.filter((id) => text.includes(id)).map((id) => `${part}: ${id}`));
  }

  /**
   * Make the world do what causes a machine event for one operation: a portal call, the clock
   * reaching the deadline, the LPA or modem answering, the user acting. Returns the reply of
   * a portal call or cancel.
   */
  async perform(event: FlowEvent, operationId: string, portal: { call: () => Reply }): Promise<Reply | boolean | null> {
    const crash = this.crashInside;
    this.crashInside = null;
    if (crash === null) {
      const result = this.#act(event, operationId, portal);
      await this.settle();
      return result;
    }
    const storage = this.storage;
    if (storage === undefined) throw new Error('world: a crash inside a step needs the asynchronous storage');
    if (crash === 'saveFailsOnce') {
      storage.failNext = 1;
      const result = this.#act(event, operationId, portal);
      await this.settle();
      return result;
    }
    storage.hold();
    const first = this.#act(event, operationId, portal);
    await settleMicrotasks();
    if (crash === 'afterSaveBeforeCommands') storage.writeWithoutAnswer();
    else storage.crash();
    this.#processDies(storage.load());
    await this.restart();
    // A step whose save never ended is lost: the world does it again (the portal calls again, the
    // LPA answers the call issued again, the user acts again), except a deadline, which the
    // restarted host fires itself.
    if (crash === 'beforeSaveEnded' && event.type !== 'timer.fired') {
      const again = this.#act(event, operationId, portal);
      await this.settle();
      return again;
    }
    return first;
  }

  /**
   * The host's process dies inside a step: its screens and its in-process timers go with it
   * (as the minimal host's setTimeout timers do). The restarted host arms and shows again what
   * its stored state needs; what the lost commands would have taken down is gone already.
   */
  #processDies(stored: CoreState | StoredRecords | null): void {
    this.#drawnIds = stored === null ? 0 : highestStoredId(stored);
    for (const timer of this.device.clock.pending()) if (timer.id !== undefined) this.device.clock.clear(timer.id);
    for (const operationId of this.device.ui.toasts()) this.device.ui.hideToast(operationId);
  }

  #act(event: FlowEvent, operationId: string, portal: { call: () => Reply }): Reply | boolean | null {
    const { device, lpa } = this;
    let result: Reply | boolean | null = null;
    switch (event.type) {
      case 'operation.start':
        result = portal.call();
        break;
      case 'timer.fired': {
        const at = device.clock.timer(operationId);
        if (at === undefined) throw new Error(`world: no timer armed for ${operationId}`);
        device.clock.advanceTo(at);
        break;
      }
      case 'portal.cancel':
        result = this.host.cancel(operationId);
        break;
      case 'lpa.progress':
        lpa.progress(operationId, event.percent);
        break;
      case 'lpa.downloaded':
        lpa.answer(operationId, 'download', 'success');
        break;
      case 'lpa.failed': {
        const kind = lpa.heldKind(operationId);
        if (kind === null) throw new Error(`world: no LPA call held for ${operationId}`);
        lpa.answer(operationId, kind, failure(event.error));
        break;
      }
      case 'lpa.discovered':
        lpa.answer(operationId, 'discover', { profileReady: true, activationCode: event.code.confirmationCodeRequired ? FOUND_CONFIRM_CODE : FOUND_CODE });
        break;
      case 'lpa.nothingDiscovered':
        lpa.answer(operationId, 'discover', 'nothing');
        break;
      case 'lpa.enabled':
        lpa.answer(operationId, 'enable', 'success');
        break;
      case 'lpa.profile':
        this.setProfile(this.iccidOf(operationId), event.state);
        lpa.answer(operationId, 'profileState', 'success');
        break;
      case 'modem.registration':
        device.modem.change(this.iccidOf(operationId), event.state);
        break;
      case 'modem.failed':
        // register ran on entering registering; its failure reaches the host as an input (D38).
        this.host.send({ type: 'modem.failed', operationId, error: event.error });
        break;
      case 'user.toastAccepted':
        device.user.acceptToast(operationId);
        break;
      case 'user.toastDismissed':
        device.user.dismissToast(operationId);
        break;
      case 'user.startDownload':
        device.user.startDownload(operationId);
        break;
      case 'user.confirmationCode':
        device.user.confirmationCode(operationId, CONFIRMATION_CODE);
        break;
      case 'user.abort':
        device.user.abort(operationId);
        break;
    }
    return result;
  }

  /** The ICCID a live operation follows. */
  iccidOf(operationId: string): string {
    const iccid = this.host.state().operations[operationId]?.context.iccid ?? null;
    if (iccid === null) throw new Error(`world: ${operationId} has no ICCID`);
    return iccid;
  }
}

function failure(error: ActivationError): ActivationFailure {
  if (error === 'success') throw new Error('world: success is not a failure');
  return error;
}

/** The highest `op-N` a stored document (whole, or as records) holds: where a new process's id source continues from. */
function highestStoredId(stored: CoreState | StoredRecords): number {
  const records = 'records' in stored && stored.records instanceof Map ? Object.fromEntries(stored.records) : null;
  const text = JSON.stringify(records === null ? stored : { ...stored, records });
  return Math.max(0, ...[...text.matchAll(/op-(\d+)/g)].map((m) => Number(m[1])));
}
