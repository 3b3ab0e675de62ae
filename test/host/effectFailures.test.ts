import { describe, expect, it } from 'vitest';
import type { DiagnosticNotice, Report } from '../../src/core/commands';
import type { Effects } from '../../src/host/effects';
import { createHost } from '../../src/host/host';
import { createSimulatedDevice } from '../../src/sim/device/index';
import { operationIdOf, profileDownload } from '../support/world';

/** A host on the simulated device with some effects replaced, recording reports and diagnostics. */
function hostWith(override: (effects: Effects) => Partial<Effects>) {
  const device = createSimulatedDevice();
  const reports: Report[] = [];
  const diagnostics: DiagnosticNotice[] = [];
  const effects: Effects = {
    ...device.effects,
    report: (report) => reports.push(report),
    diagnostic: (notice) => diagnostics.push(notice),
  };
  const host = createHost({ effects: { ...effects, ...override(effects) } });
  device.attach(host);
  return { device, host, reports, diagnostics };
}

const failures = (diagnostics: DiagnosticNotice[]) => diagnostics.filter((d) => d.diagnostic.code === 'effectFailed').map((d) => d.diagnostic.field);

describe('effect failures', () => {
  it('a storage save that always throws becomes a diagnostic; the flow goes on, its report waits for a stored document', async () => {
    const world = hostWith(() => ({ storage: { load: () => null, save: () => { throw new Error('disk full'); } } }));
    const id = operationIdOf(world.host.call(profileDownload()));
    await world.device.clock.advanceAsync(60_000);
    expect(failures(world.diagnostics)).toContain('storage.save');
    expect(world.host.operations()).toMatchObject([{ id, state: 'connected', live: false, outcome: 'connected' }]);
    // A restart would load the document from before: reporting now would make two reports.
    expect(world.reports).toEqual([]);
  });

  it('a storage save that rejects for a while: the held report goes out, once, with the first save that succeeds', async () => {
    let failing = true;
    const world = hostWith(() => ({ storage: { load: () => null, save: () => (failing ? Promise.reject(new Error('disk full')) : Promise.resolve()) } }));
    const id = operationIdOf(world.host.call(profileDownload()));
    await world.host.idle();
    await world.device.clock.advanceAsync(60_000);
    await world.host.idle();
    expect(failures(world.diagnostics)).toContain('storage.save');
    expect(world.reports).toEqual([]);
    failing = false;
    world.host.closePortal(); // any input: its step is saved
    await world.host.idle();
    expect(world.reports).toMatchObject([{ operationId: id, outcome: 'connected' }]);
  });

  it('a save that fails once is tried again: no diagnostic, and the report goes out', async () => {
    let saves = 0;
    const world = hostWith(() => ({ storage: { load: () => null, save: () => (++saves === 2 ? Promise.reject(new Error('disk hiccup')) : Promise.resolve()) } }));
    world.host.call(profileDownload());
    await world.host.idle();
    await world.device.clock.advanceAsync(60_000);
    await world.host.idle();
    expect(failures(world.diagnostics)).toEqual([]);
    expect(world.reports).toMatchObject([{ outcome: 'connected' }]);
  });

  it('an LPA download that throws a plain error fails the operation with unknownError', async () => {
    const world = hostWith((effects) => ({ lpa: { ...effects.lpa, download: () => { throw new Error('driver crashed'); } } }));
    world.host.call(profileDownload());
    expect(failures(world.diagnostics)).toEqual(['lpa.download']);
    expect(world.reports).toMatchObject([{ outcome: 'failed', activationResult: 'unknownError' }]);
  });

  it('an LPA enable that rejects with a named activation error fails with that error and no diagnostic', async () => {
    const world = hostWith((effects) => ({ lpa: { ...effects.lpa, enable: () => Promise.reject({ activationError: 'cardBusy' }) } }));
    world.host.call(profileDownload());
    await world.host.idle();
    expect(failures(world.diagnostics)).toEqual([]);
    expect(world.reports).toMatchObject([{ outcome: 'failed', activationResult: 'cardBusy' }]);
  });

  it('a modem, UI or callback effect that throws becomes a diagnostic, and the registration timeout still ends the flow', async () => {
    const boom = () => { throw new Error('boom'); };
    const world = hostWith((effects) => ({
      modem: { register: boom },
      ui: { ...effects.ui, progress: boom },
      callback: boom,
    }));
    world.host.call(profileDownload());
    await world.device.clock.advanceAsync(10 * 60_000);
    expect(new Set(failures(world.diagnostics))).toEqual(new Set(['modem.register', 'ui.progress', 'portal.callback']));
    expect(world.reports).toMatchObject([{ outcome: 'notConnected' }]);
  });
});
