import type { NetworkRegistrationState } from '../src/domain/enums';
import type { Effects } from '../src/host/effects';
import type { Host } from '../src/host/host';
import { VirtualClock } from '../src/sim/device/clock';
import { RecordStorage } from '../src/sim/device/recordStorage';

/*
 * A minimal device for isolating the core and the host: every effect is O(1), downloads answer at once or
 * after `downloadMs` of virtual time (then operations really wait their turn on the LPA), registration is the
 * simulated device's default script (searching after 1 s, home after 3 s). No trace, no
 * redaction, no eUICC bookkeeping.
 */

export interface BenchDevice {
  readonly effects: Effects;
  readonly clock: VirtualClock;
  attach(host: Pick<Host, 'registrationChanged'>): void;
  readonly reports: () => number;
}

export function createBenchDevice(options: { downloadMs: number; startTime?: number }): BenchDevice {
  const clock = new VirtualClock(options.startTime);
  let host: Pick<Host, 'registrationChanged'> | null = null;
  let profiles = 0;
  let reports = 0;
  const change = (iccid: string, state: NetworkRegistrationState) => () => host?.registrationChanged(iccid, state);
  const effects: Effects = {
    now: () => clock.now(),
    lpa: {
      download: () => {
        const iccid = `8988247${String(++profiles).padStart(12, '0')}`;
        if (options.downloadMs === 0) return { iccid };
        return new Promise((resolve) => void clock.schedule(clock.now() + options.downloadMs, () => resolve({ iccid })));
      },
      discover: () => null,
      enable: () => undefined,
      profileState: () => 'disabled',
    },
    modem: {
      register: ({ iccid }) => {
        clock.schedule(clock.now() + 1000, change(iccid, 'searching'));
        clock.schedule(clock.now() + 3000, change(iccid, 'home'));
      },
    },
    scheduler: { set: (timerId, at, fire) => clock.set(timerId, at, fire), clear: (timerId) => clock.clear(timerId) },
    ui: { progress: () => {}, scheduled: () => {}, toast: () => {}, hideToast: () => {}, confirmationCode: () => {}, returnToApp: () => {} },
    // A storage that serializes what it is given, so no row runs on a store that keeps references.
    storage: new RecordStorage(),
    callback: () => {},
    report: () => void (reports += 1),
    diagnostic: () => {},
  };
  return { effects, clock, attach: (next) => void (host = next), reports: () => reports };
}
