import type { NetworkRegistrationState } from '../../domain/enums';
import type { ModemEffects } from '../../host/effects';
import type { VirtualClock } from './clock';
import { SimulatedEffectError, type ActivationFailure } from './errors';

/** One step of a registration sequence: the state the modem reports `afterMs` after `register`. */
export interface RegistrationStep {
  /** Milliseconds after the `register` call (not after the previous step). */
  readonly afterMs: number;
  readonly state: NetworkRegistrationState;
}

/**
 * How a registration attempt goes: a sequence of steps; a final state reached through
 * `searching` (`'home'`, `'roaming'`, `'partner'`, `'denied'`); `'none'`, never registering
 * (the host's timeout decides); or `{ fail }`, the `register` call itself failing.
 */
export type RegistrationScript =
  | readonly RegistrationStep[]
  | 'home'
  | 'roaming'
  | 'partner'
  | 'denied'
  | 'none'
  | { readonly fail: ActivationFailure };

/** The default: searching after 1 s, home after 3 s. */
export const DEFAULT_REGISTRATION: readonly RegistrationStep[] = Object.freeze([
  { afterMs: 1000, state: 'searching' },
  { afterMs: 3000, state: 'home' },
]);

/**
 * The ICCID of the SIM card in the simulated device's physical slot unless told otherwise:
 * 20 digits, Luhn-valid, apart from every ICCID the simulated eUICC makes up.
 */
export const DEFAULT_PHYSICAL_ICCID = '89012600000000000011';

/** Where the modem reports registration changes (the device forwards them to the host). */
export type RegistrationListener = (iccid: string, state: NetworkRegistrationState) => void;

/**
 * The steps a script plays.
 *
 * @param script - a registration script
 * @example stepsOf('roaming') // [{ afterMs: 1000, state: 'searching' }, { afterMs: 3000, state: 'roaming' }]
 */
export function stepsOf(script: RegistrationScript): readonly RegistrationStep[] {
  // Array.isArray narrows a readonly array to any[]: say what it is.
  if (Array.isArray(script)) return script as readonly RegistrationStep[];
  if (script === 'none' || typeof script === 'object') return [];
  return [
    { afterMs: 1000, state: 'searching' },
    { afterMs: 3000, state: script },
  ];
}

/**
 * The simulated cellular modem. `register` plays a scripted registration sequence on the
 * virtual clock, reporting each state to the listener; a new `register` for the same ICCID
 * replaces the sequence still playing. `setRegistration` queues the script of the next
 * `register` call, `setDefaultRegistration` the script used when nothing is queued.
 *
 * @example
 * const modem = new SimulatedModem(clock, (iccid, state) => host.registrationChanged(iccid, state));
 * modem.setRegistration('denied');
 */
export class SimulatedModem implements ModemEffects {
  readonly #clock: VirtualClock;
  readonly #queue: RegistrationScript[] = [];
  #default: RegistrationScript;
  #listener: RegistrationListener;
  /** ICCID → handles of the steps still to play. */
  readonly #playing = new Map<string, number[]>();
  readonly #states = new Map<string, NetworkRegistrationState>();
  #physicalIccid: string | null = DEFAULT_PHYSICAL_ICCID;
  #present = true;

  /**
   * @param clock - the virtual clock the sequences play on
   * @param listener - told about every registration change
   * @param registration - the default script (default {@link DEFAULT_REGISTRATION})
   */
  constructor(clock: VirtualClock, listener: RegistrationListener = () => {}, registration: RegistrationScript = DEFAULT_REGISTRATION) {
    this.#clock = clock;
    this.#listener = listener;
    this.#default = registration;
  }

  /** The ICCID of the SIM in the physical slot, or null when the slot is empty (the host's `modem.physicalIccid`). */
  physicalIccid(): string | null {
    return this.#physicalIccid;
  }

  /** Whether the device has a modem (the host's `modem.present`); without one, `register` fails with `modemNotFound`. */
  present(): boolean {
    return this.#present;
  }

  /** Give the device a modem, or take it away. */
  setPresent(present: boolean): void {
    this.#present = present;
  }

  /** Put a SIM with this ICCID in the physical slot, or empty it (null). */
  setPhysicalIccid(iccid: string | null): void {
    this.#physicalIccid = iccid;
  }

  /** Replace the listener registration changes go to. */
  onRegistration(listener: RegistrationListener): void {
    this.#listener = listener;
  }

  /** Queue the script of the next `register` call. */
  setRegistration(script: RegistrationScript): void {
    this.#queue.push(script);
  }

  /** The script `register` plays when nothing is queued. */
  setDefaultRegistration(script: RegistrationScript): void {
    this.#default = script;
  }

  /** Start registering on a profile: synchronous; the states come later on the virtual clock. */
  register(request: { readonly operationId: string; readonly iccid: string }): void {
    if (!this.#present) throw new SimulatedEffectError('modemNotFound', 'the simulated device has no modem');
    const script = this.#queue.shift() ?? this.#default;
    if (typeof script === 'object' && !Array.isArray(script)) throw new SimulatedEffectError((script as { fail: ActivationFailure }).fail, 'simulated modem could not register');
    this.stop(request.iccid);
    const start = this.#clock.now();
    const handles = stepsOf(script).map((step) =>
      this.#clock.schedule(start + step.afterMs, () => this.change(request.iccid, step.state), `registration ${step.state} ${request.iccid}`),
    );
    this.#playing.set(request.iccid, handles);
  }

  /** Report a registration change now, outside any sequence (roaming starts, the network drops ...). */
  change(iccid: string, state: NetworkRegistrationState): void {
    this.#states.set(iccid, state);
    this.#listener(iccid, state);
  }

  /** Stop the sequence playing for an ICCID, if any. */
  stop(iccid: string): void {
    for (const handle of this.#playing.get(iccid) ?? []) this.#clock.cancel(handle);
    this.#playing.delete(iccid);
  }

  /** The last state reported for an ICCID (`none` before any). */
  registration(iccid: string): NetworkRegistrationState {
    return this.#states.get(iccid) ?? 'none';
  }
}
