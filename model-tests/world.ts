import type { FlowEvent, ProfileState } from '../machines/types';
import type { CallbackScript, Command, Report } from '../src/core/commands';
import type { Reply } from '../src/core/inputs';
import type { ActivationError } from '../src/domain/enums';
import type { Effects } from '../src/host/effects';
import { createHost, type Host, type HostConfig, type ObservedStep } from '../src/host/host';
import { createSimulatedDevice, settleMicrotasks, type ActivationFailure, type InitialProfile, type SimulatedDevice } from '../src/sim/device/index';
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
  /** Profiles on the eUICC at the start. */
  readonly profiles?: readonly InitialProfile[];
}

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

  private constructor(options: WorldOptions) {
    this.config = options.config ?? {};
    this.device = createSimulatedDevice({
      registration: 'none',
      ...(options.profiles === undefined ? {} : { profiles: options.profiles }),
      onCallback: (operationId, script, args) => this.callbacks.push({ operationId, script, args: JSON.parse(args) as Record<string, unknown> }),
      onReport: (report) => this.reports.push(report),
    });
    this.lpa = new HeldLpa(this.device.effects.lpa, this.device.lpa);
    this.effects = { ...this.device.effects, lpa: this.lpa };
    this.host = this.#newHost();
  }

  /** A started world. */
  static async create(options: WorldOptions = {}): Promise<World> {
    const world = new World(options);
    await world.host.start();
    await world.settle();
    return world;
  }

  #newHost(): Host {
    const host = createHost({ effects: this.effects, config: this.config, observe: (step) => this.steps.push(step) });
    this.device.attach(host);
    return host;
  }

  /**
   * Let effect answers given through promises reach the host, and its commands run. (Not
   * `host.idle()`: a held LPA call keeps the host busy until the test answers it.)
   */
  async settle(): Promise<void> {
    await settleMicrotasks();
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

  /** The host's timers waiting on the virtual clock, by id (ties may fire in either order). */
  timers(): PendingTimer[] {
    return this.device.clock
      .pending()
      .flatMap((p) => (p.id === undefined ? [] : [{ id: p.id, at: p.at }]))
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
    await this.settle();
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
