import { redactCommand, type Command } from '../core/commands';
import type { Input, Reply } from '../core/inputs';
import { maskActivationCode } from '../domain/activationCode';
import { createHost, type Host, type HostConfig, type ObservedStep } from '../host/host';
import { createSimulatedDevice, type SimulatedDevice, type SimulatedDeviceOptions } from '../sim/device/index';

/** One host step as the timeline shows it: redacted, with times relative to the session's start. */
export interface TimelineStep {
  /** Virtual milliseconds since the session started. */
  readonly at: number;
  readonly input: Input;
  readonly reply: Reply;
  readonly commands: readonly Command[];
  /** Every operation's machine state after the step. */
  readonly states: Readonly<Record<string, string>>;
  /** The machine states of the operations this step changed, before it. */
  readonly before: Readonly<Record<string, string>>;
  /** Who or what caused the step, when it is not the device itself (the simulated user, a restart). */
  readonly note?: string;
}

/** How a session's device and host are set up. */
export interface SessionOptions {
  readonly device?: SimulatedDeviceOptions;
  readonly host?: HostConfig;
  /** Told about every step, already redacted. */
  readonly onStep: (step: TimelineStep) => void;
}

/**
 * A simulated device with a host on it, observed step by step, that can be restarted the way a
 * real host restarts: the persisted document stays, the host is dropped, a new one restores it.
 * Everything it reports is redacted (matching IDs and confirmation codes masked).
 */
export class SimulatedSession {
  readonly device: SimulatedDevice;
  readonly #options: SessionOptions;
  readonly #start: number;
  #host: Host;
  #states: Record<string, string> = {};
  #note: string | undefined;

  /** @param options - device and host configuration, and where the steps go */
  constructor(options: SessionOptions) {
    this.#options = options;
    this.device = createSimulatedDevice(options.device ?? {});
    this.#start = this.device.clock.now();
    this.#host = this.#createHost();
  }

  /** The host running now (a restart replaces it). */
  get host(): Host {
    return this.#host;
  }

  /** Virtual milliseconds since the session started. */
  elapsed(): number {
    return this.device.clock.now() - this.#start;
  }

  /** Start the host (load, restore). */
  async start(): Promise<void> {
    await this.#host.start();
  }

  /** Run `action` with `note` attached to the steps it causes (e.g. "the simulated user accepts the toast"). */
  as<T>(note: string, action: () => T): T {
    this.#note = note;
    try {
      return action();
    } finally {
      this.#note = undefined;
    }
  }

  /** Persist, drop the host, create a new one on the same device and restore from storage. */
  async restart(): Promise<void> {
    this.#host.stop();
    this.#host = this.#createHost();
    this.#note = 'host restarted: the persisted document is restored into a new host';
    try {
      await this.#host.start();
    } finally {
      this.#note = undefined;
    }
  }

  /** The machine state of an operation (live or finished), or undefined. */
  stateOf(operationId: string): { readonly state: string; readonly final: boolean } | undefined {
    const view = this.#host.operations().find((op) => op.id === operationId);
    return view === undefined ? undefined : { state: view.state, final: !view.live };
  }

  #createHost(): Host {
    const host: Host = createHost({
      effects: this.device.effects,
      ...(this.#options.host === undefined ? {} : { config: this.#options.host }),
      observe: (step) => this.#observed(host, step),
    });
    this.device.attach(host);
    return host;
  }

  #observed(host: Host, step: ObservedStep): void {
    const states: Record<string, string> = {};
    for (const op of host.operations()) states[op.id] = op.state;
    const before: Record<string, string> = {};
    for (const [id, state] of Object.entries(states)) {
      const previous = this.#states[id];
      if (previous !== state) before[id] = previous ?? '(new)';
    }
    this.#states = states;
    const redactor = this.device.trace.redactor;
    const timeline: TimelineStep = {
      at: step.input.now - this.#start,
      input: redactor.value(redactInput(step.input)) as Input,
      reply: redactor.value(step.reply) as Reply,
      commands: step.commands.map((command) => redactor.value(redactCommand(command)) as Command),
      states,
      before,
      ...(this.#note === undefined ? {} : { note: this.#note }),
    };
    this.#options.onStep(timeline);
  }
}

/** An input without credentials: activation codes masked, a confirmation code replaced. */
export function redactInput(input: Input): Input {
  switch (input.type) {
    case 'portal.call': {
      const call = input.call;
      if ('activationCode' in call && typeof call.activationCode === 'string') {
        return { ...input, call: { ...call, activationCode: maskActivationCode(call.activationCode) } };
      }
      return input;
    }
    case 'lpa.discovered':
      return { ...input, activationCode: maskActivationCode(input.activationCode) };
    case 'user.confirmationCode':
      return { ...input, code: '***' };
    default:
      return input;
  }
}
