import type { CoreState } from '../core/state';
import type { Effects } from '../host/effects';
import type { Host } from '../host/host';
import { VirtualClock } from '../sim/device/clock';
import { T0 } from './scenarios';

/*
 * What a conformance case hands the effects under test, what it gets back, and the kit's own
 * stand-ins for every effect the user leaves out.
 */

/** A clock the kit can move: the effects' `now()` and timers must follow it. */
export interface TestClock {
  /** Epoch ms. */
  now(): number;
  /** Move time forward to `at` (epoch ms), firing every timer due by then. */
  advanceTo(at: number): void | Promise<void>;
}

/** What each case gives `makeEffects`. */
export interface CaseEnvironment {
  /**
   * The kit's virtual clock, starting at 2026-01-01: build `now()` and the scheduler on it
   * (`clock.set(timerId, at, fire)`, `clock.clear(timerId)`, `clock.schedule(at, work)`), or
   * bring your own clock in {@link EffectsUnderTest.clock}.
   */
  readonly clock: VirtualClock;
  /** ICCIDs of the profiles that must already be on the eUICC, disabled, when the case starts (a portal names them). */
  readonly profiles: readonly string[];
}

/** What `makeEffects` returns: the effects to check, and how the kit drives them. */
export interface EffectsUnderTest {
  /** The effects under test; the kit supplies any part left out (a scheduler on its clock, a memory storage, …). */
  readonly effects: Partial<Effects>;
  /** The virtual clock the effects run on, when they bring their own (default: the environment's). */
  readonly clock?: TestClock;
  /** Called with every host the case starts (the first, and a new one after each restart). */
  readonly attach?: (host: Host) => void;
}

/** Makes fresh effects for one case: every case starts from nothing. */
export type MakeEffects = (environment: CaseEnvironment) => EffectsUnderTest | Promise<EffectsUnderTest>;

/** A new environment for one case. */
export function caseEnvironment(profiles: readonly string[]): CaseEnvironment {
  return { clock: new VirtualClock(T0), profiles };
}

/**
 * The effects a case runs: the user's, completed with the kit's stand-ins. The stand-in LPA
 * installs any code once (by code) and knows the environment's profiles; the stand-in storage
 * keeps a copy of the last document.
 * @throws {TypeError} when the effects bring their own clock but no scheduler on it
 */
export function completeEffects(environment: CaseEnvironment, under: EffectsUnderTest): Effects {
  const given = under.effects;
  if (under.clock !== undefined && given.scheduler === undefined) throw new TypeError('conformance kit: effects that bring their own clock must bring a scheduler on it too');
  const { clock } = environment;
  const installed = new Map<string, string>();
  let stored: CoreState | null = null;
  const profiles = new Set(environment.profiles);
  return {
    now: given.now ?? (() => (under.clock ?? clock).now()),
    lpa: given.lpa ?? {
      download: ({ activationCode }) => {
        const iccid = installed.get(activationCode) ?? `8988247000000${String(installed.size + 1).padStart(7, '0')}`;
        installed.set(activationCode, iccid);
        profiles.add(iccid);
        return { iccid };
      },
      discover: () => null,
      enable: () => undefined,
      profileState: ({ iccid }) => (profiles.has(iccid) ? 'disabled' : 'absent'),
    },
    modem: given.modem ?? { register: () => undefined },
    scheduler: given.scheduler ?? { set: (timerId, at, fire) => clock.set(timerId, at, fire), clear: (timerId) => clock.clear(timerId) },
    ui: given.ui ?? { progress: () => {}, scheduled: () => {}, toast: () => {}, hideToast: () => {}, confirmationCode: () => {}, returnToApp: () => {} },
    storage: given.storage ?? { load: () => (stored === null ? null : structuredClone(stored)), save: (document) => void (stored = structuredClone(document)) },
    callback: given.callback ?? (() => {}),
    report: given.report ?? (() => {}),
    diagnostic: given.diagnostic ?? (() => {}),
  };
}
