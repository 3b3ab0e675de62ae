import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { DiagnosticNotice, Report } from '../../src/core/commands';
import type { Effects, LpaEffects } from '../../src/host/effects';
import { createHost } from '../../src/host/host';
import { createSimulatedDevice } from '../../src/sim/device/index';
import { ACTIVATION_CODE, operationIdOf, profileDownload, SECRET_MATCHING_ID } from '../support/world';

/*
 * Hostile effect answers: whatever an LPA effect throws, rejects or resolves with, the
 * operation ends with a named activation error, the LPA is free for the next operation, no
 * exception leaves host.call, no rejection goes unhandled (vitest fails the run on one), and
 * no matching ID reaches a diagnostic.
 */

const throwingGetter = (name: string) =>
  Object.defineProperty({}, name, {
    get() {
      throw new Error(`getter ${name} throws`);
    },
  });
const hostileProxy = () =>
  new Proxy(
    {},
    {
      get() {
        throw new Error('proxy get');
      },
      has() {
        throw new Error('proxy has');
      },
      getPrototypeOf() {
        throw new Error('proxy getPrototypeOf');
      },
    },
  );

/** Values thrown or rejected with. */
const HOSTILE_ERRORS: ReadonlyArray<readonly [string, () => unknown]> = [
  ['Object.create(null)', () => Object.create(null)],
  ['a Proxy whose traps throw', hostileProxy],
  ['an object whose message getter throws', () => throwingGetter('message')],
  ['an object whose toString getter throws', () => throwingGetter('toString')],
  ['an object whose activationError getter throws', () => throwingGetter('activationError')],
  ['null', () => null],
  ['undefined', () => undefined],
  ['a symbol', () => Symbol('boom')],
  ['an Error carrying the activation code', () => new Error(`could not download ${ACTIVATION_CODE}`)],
  ['a string carrying the matching ID alone', () => `matching id ${SECRET_MATCHING_ID} refused`],
];

/** What a download may resolve with that is not `{ iccid }` with a valid ICCID. */
const HOSTILE_ANSWERS: ReadonlyArray<readonly [string, () => unknown]> = [
  ['null', () => null],
  ['undefined', () => undefined],
  ["{ iccid: '__proto__' }", () => ({ iccid: '__proto__' })],
  ["{ iccid: 'constructor' }", () => ({ iccid: 'constructor' })],
  ['{ iccid: 42 }', () => ({ iccid: 42 })],
  ['a Proxy whose traps throw', hostileProxy],
  ['an object whose iccid getter throws', () => throwingGetter('iccid')],
  ['an object whose then getter throws', () => throwingGetter('then')],
];

type Download = LpaEffects['download'];

function hostWithDownload(download: (inner: Download) => Download) {
  const device = createSimulatedDevice();
  const reports: Report[] = [];
  const diagnostics: DiagnosticNotice[] = [];
  let calls = 0;
  const inner = device.effects.lpa.download.bind(device.effects.lpa);
  const hostile = download(inner);
  const effects: Effects = {
    ...device.effects,
    // The first download is hostile; later ones are the simulated LPA's, to show the LPA is free.
    lpa: { ...device.effects.lpa, download: (request) => (++calls === 1 ? hostile(request) : inner(request)) },
    report: (report) => void reports.push(report),
    diagnostic: (notice) => void diagnostics.push(notice),
  };
  const host = createHost({ effects });
  device.attach(host);
  return { device, host, reports, diagnostics };
}

async function expectFailedAndFree(world: ReturnType<typeof hostWithDownload>, error = 'unknownError'): Promise<void> {
  const { host, device, reports, diagnostics } = world;
  const first = operationIdOf(host.call(profileDownload()));
  await host.idle();
  expect(host.operations().find((o) => o.id === first)).toMatchObject({ state: 'failed', live: false, outcome: 'failed' });
  expect(reports.filter((r) => r.operationId === first)).toMatchObject([{ outcome: 'failed', activationResult: error }]);
  expect(host.state().lpa.active).toBeNull();
  // The LPA is free: the next operation downloads and connects.
  const second = operationIdOf(host.call(profileDownload(undefined, '1$smdp.example.com$OTHER-MATCHING-ID-0815')));
  await host.idle();
  await device.clock.advanceAsync(60_000);
  await host.idle();
  expect(host.operations().find((o) => o.id === second)).toMatchObject({ outcome: 'connected' });
  expect(JSON.stringify(diagnostics)).not.toContain(SECRET_MATCHING_ID);
}

describe('hostile effect answers', () => {
  for (const [name, error] of HOSTILE_ERRORS) {
    it(`a download that throws ${name}: failed with unknownError, the LPA free, host.call returns the operation`, async () => {
      await expectFailedAndFree(hostWithDownload(() => () => { throw error(); }));
    });
    it(`a download that rejects with ${name}: failed with unknownError, the LPA free`, async () => {
      await expectFailedAndFree(hostWithDownload(() => () => Promise.reject(error())));
    });
  }

  for (const [name, answer] of HOSTILE_ANSWERS) {
    it(`a download that resolves with ${name}: failed with unknownError, a diagnostic, the LPA free`, async () => {
      const world = hostWithDownload(() => () => Promise.resolve(answer()) as ReturnType<Download>);
      await expectFailedAndFree(world);
      expect(world.diagnostics.map((d) => d.diagnostic.field)).toContain('lpa.download');
    });
    it(`a download that answers ${name} synchronously: failed with unknownError, the LPA free`, async () => {
      await expectFailedAndFree(hostWithDownload(() => () => answer() as ReturnType<Download>));
    });
  }

  it('a masked message: the effect error in the diagnostic shows the code with its matching ID masked', async () => {
    const world = hostWithDownload(() => () => Promise.reject(new Error(`could not download ${ACTIVATION_CODE}`)));
    await expectFailedAndFree(world);
    expect(world.diagnostics.map((d) => d.diagnostic.message)).toContain('lpa.download failed: could not download 1$smdp.example.com$***');
  });

  it('a named activation error on a thenable rejection is kept', async () => {
    const thenable = { then: (_: unknown, reject: (e: unknown) => void) => reject({ activationError: 'cardBusy' }) };
    await expectFailedAndFree(hostWithDownload(() => () => thenable as unknown as ReturnType<Download>), 'cardBusy');
  });

  it('a thenable that resolves is an answer, not a value: the download succeeds', async () => {
    const world = hostWithDownload((inner) => (request) => ({ then: (resolve: (v: unknown) => void) => resolve(inner(request)) }) as unknown as ReturnType<Download>);
    const id = operationIdOf(world.host.call(profileDownload()));
    await world.host.idle();
    await world.device.clock.advanceAsync(60_000);
    await world.host.idle();
    expect(world.reports).toMatchObject([{ operationId: id, outcome: 'connected' }]);
  });

  it("a promise from another realm is awaited: resolving, the download succeeds; rejecting, it fails with the error it names", async () => {
    const resolving = hostWithDownload((inner) => (request) => {
      const { iccid } = inner(request) as { iccid: string };
      return vm.runInNewContext(`Promise.resolve({ iccid: ${JSON.stringify(iccid)} })`) as ReturnType<Download>;
    });
    const id = operationIdOf(resolving.host.call(profileDownload()));
    await resolving.host.idle();
    await resolving.device.clock.advanceAsync(60_000);
    await resolving.host.idle();
    expect(resolving.reports).toMatchObject([{ operationId: id, outcome: 'connected' }]);

    await expectFailedAndFree(hostWithDownload(() => () => vm.runInNewContext("Promise.reject({ activationError: 'serverFailure' })") as ReturnType<Download>), 'serverFailure');
  });

  it('an enable, a profile query and a discovery that answer nonsense fail their operation, never throw', async () => {
    const device = createSimulatedDevice({ profiles: [{ iccid: '89882110000005300811', enabled: false }] });
    const reports: Report[] = [];
    const host = createHost({
      effects: {
        ...device.effects,
        lpa: { ...device.effects.lpa, profileState: () => 'sideways' as never, enable: () => { throw hostileProxy(); } },
        report: (r) => void reports.push(r),
        diagnostic: () => {},
      },
    });
    device.attach(host);
    const id = operationIdOf(host.call({ kind: 'balanceAddition', entryPoint: 'MobilePlans.notifyBalanceAddition', metadata: {}, iccid: '89882110000005300811' }));
    await host.idle();
    expect(reports).toMatchObject([{ operationId: id, outcome: 'failed', activationResult: 'unknownError' }]);
    expect(host.state().lpa.active).toBeNull();
  });

  it('a UI, callback or modem effect that rejects with a hostile value becomes a diagnostic, not an unhandled rejection', async () => {
    const device = createSimulatedDevice();
    const diagnostics: DiagnosticNotice[] = [];
    const reject = () => Promise.reject(hostileProxy()) as never;
    const host = createHost({
      effects: { ...device.effects, ui: { ...device.effects.ui, progress: reject }, callback: reject, modem: { register: reject }, diagnostic: (n) => void diagnostics.push(n) },
    });
    device.attach(host);
    host.call(profileDownload());
    await host.idle();
    await device.clock.advanceAsync(10 * 60_000);
    await host.idle();
    expect(new Set(diagnostics.map((d) => d.diagnostic.field))).toEqual(new Set(['ui.progress', 'portal.callback', 'modem.register']));
  });
});
