import type { CoreState, Effects } from '../../src/index';
import type { CaseEnvironment, EffectsUnderTest } from './kit';

/*
 * A second, independent implementation of `Effects`, written against the documented contract
 * only (no code from src/sim): a map of installed profiles keyed by activation code, timers as
 * cancellable entries on the kit's clock (cleared by a flag, not by removing them), a storage
 * that keeps JSON text. Each `broken` switch breaks one promise of the contract on purpose.
 */

export interface Breakage {
  /** The scheduler's `clear` does nothing. */
  readonly schedulerIgnoresClear?: boolean;
  /** Every download installs a new profile, even of a code already installed. */
  readonly downloadNotIdempotent?: boolean;
  /** `load` returns the document saved before the last one. */
  readonly storageLosesLastSave?: boolean;
}

export function independentEffects(environment: CaseEnvironment, broken: Breakage = {}): EffectsUnderTest {
  const { clock } = environment;
  const profiles = new Map<string, 'enabled' | 'disabled'>(environment.profiles.map((iccid) => [iccid, 'disabled']));
  const byCode = new Map<string, string>();
  const timers = new Map<string, { cancelled: boolean }>();
  const saved: string[] = [];
  let serial = 0;

  const effects: Effects = {
    now: () => clock.now(),
    lpa: {
      download: ({ activationCode }) => {
        const known = byCode.get(activationCode);
        if (known !== undefined && broken.downloadNotIdempotent !== true) return Promise.resolve({ iccid: known });
        const iccid = `8901${String(++serial).padStart(15, '0')}`;
        byCode.set(activationCode, iccid);
        profiles.set(iccid, 'disabled');
        return Promise.resolve({ iccid });
      },
      discover: () => Promise.resolve(null),
      enable: ({ iccid }) => {
        if (!profiles.has(iccid)) return Promise.reject({ activationError: 'profileNotPresent', message: `no profile ${iccid}` });
        for (const key of profiles.keys()) profiles.set(key, key === iccid ? 'enabled' : 'disabled');
        return Promise.resolve();
      },
      profileState: ({ iccid }) => Promise.resolve(profiles.get(iccid) ?? 'absent'),
    },
    modem: { register: () => undefined },
    scheduler: {
      set: (timerId, at, fire) => {
        const previous = timers.get(timerId);
        if (previous !== undefined) previous.cancelled = true;
        const entry = { cancelled: false };
        timers.set(timerId, entry);
        clock.schedule(at, () => {
          if (!entry.cancelled) fire();
        });
      },
      clear: (timerId) => {
        if (broken.schedulerIgnoresClear === true) return;
        const entry = timers.get(timerId);
        if (entry !== undefined) entry.cancelled = true;
        timers.delete(timerId);
      },
    },
    ui: { progress: () => {}, scheduled: () => {}, toast: () => {}, hideToast: () => {}, confirmationCode: () => {}, returnToApp: () => {} },
    storage: {
      load: async () => {
        const text = broken.storageLosesLastSave === true ? saved.at(-2) : saved.at(-1);
        return text === undefined ? null : (JSON.parse(text) as CoreState);
      },
      save: async (document) => void saved.push(JSON.stringify(document)),
    },
    callback: () => {},
    report: () => {},
    diagnostic: () => {},
  };
  return { effects };
}
