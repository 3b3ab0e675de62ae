import { describe, expect, it } from 'vitest';
import type { DiagnosticNotice, Report } from '../../src/core/commands';
import type { Input } from '../../src/core/inputs';
import type { Effects, StorageEffects } from '../../src/host/effects';
import { createHost, type HostOptions } from '../../src/host/host';
import { createSimulatedDevice } from '../../src/sim/device/index';
import { COMPLETE_METADATA, operationIdOf, profileDownload } from '../support/world';

/*
 * The host's own decisions at its edges, each read directly: the operation ids it accepts from
 * effects.newId, the physical SIM it passes to the core, the diagnostics it words, what it does
 * after stop, when idle() resolves, and how deep a synchronous device makes it recurse. Gaps
 * mutation testing found: the flows still ended well when any of these changed.
 */

function world(overrides: Partial<Effects> = {}, options: Omit<HostOptions, 'effects'> = {}) {
  const device = createSimulatedDevice();
  const reports: Report[] = [];
  const diagnostics: DiagnosticNotice[] = [];
  const inputs: Input[] = [];
  const host = createHost({
    ...options,
    effects: { ...device.effects, report: (r) => void reports.push(r), diagnostic: (n) => void diagnostics.push(n), ...overrides },
    observe: ({ input }) => void inputs.push(input),
  });
  device.attach(host);
  return { device, host, reports, diagnostics, inputs };
}

/** A promise and the functions that settle it. */
function later<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('createHost', () => {
  it('refuses effects whose storage can neither write nor save', () => {
    const device = createSimulatedDevice();
    expect(() => createHost({ effects: { ...device.effects, storage: { load: () => null } } })).toThrow(
      new TypeError('createHost: effects.storage needs write (incremental) or save (whole document)'),
    );
    expect(() => createHost({ effects: { ...device.effects, storage: { load: () => null, save: () => undefined } } })).not.toThrow();
  });
});

describe('operation ids from effects.newId', () => {
  const idOf = (newId: () => unknown): string => {
    const w = world({ newId: newId as () => string });
    return operationIdOf(w.host.call(profileDownload()));
  };

  it.each<[string, () => unknown]>([
    ['one character', () => 'a'],
    ['120 characters', () => 'a'.repeat(120)],
  ])('takes an id of %s', (_, newId) => {
    expect(idOf(newId)).toBe(newId());
  });

  it.each<[string, () => unknown]>([
    ['empty', () => ''],
    ['121 characters', () => 'a'.repeat(121)],
    ['not a string', () => 42],
    ['an array of one string', () => ['a']],
    ['thrown instead', () => { throw new Error('no ids left'); }],
  ])('falls back to a random id when newId answers %s', (_, newId) => {
    expect(idOf(newId)).toMatch(/^op-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('falls back to a random id without newId', () => {
    const device = createSimulatedDevice();
    const { newId, ...withoutIds } = device.effects;
    void newId;
    const host = createHost({ effects: withoutIds });
    expect(operationIdOf(host.call(profileDownload()))).toMatch(/^op-[0-9a-f-]{36}$/);
  });
});

describe('the physical SIM the host passes with a legacy purchase result', () => {
  const PURCHASE = JSON.stringify({ userAccount: 'New', purchaseInstrument: 'New', line: 'New', moDirectStatus: 'Complete', planName: 'SIM plan' });
  const physicalOf = (physicalIccid: (() => unknown) | undefined): unknown => {
    const device = createSimulatedDevice();
    const { physicalIccid: _, ...modem } = device.effects.modem;
    void _;
    const w = world({ modem: physicalIccid === undefined ? modem : { ...modem, physicalIccid: physicalIccid as () => string | null } });
    w.host.call({ kind: 'purchaseResult', entryPoint: 'DataMart.notifyPurchaseResult', metadata: COMPLETE_METADATA, payload: JSON.stringify({ ver: '1', success: true, purchaseResult: PURCHASE, transactionId: 'tx-1', activationCode: '', iccid: '89882110000005300811' }) } as never);
    const input = w.inputs.find((i) => i.type === 'portal.call');
    expect(input).toBeDefined();
    return (input as { physicalIccid?: unknown }).physicalIccid;
  };

  it.each<[string, (() => unknown) | undefined, unknown]>([
    ['an ICCID', () => '89882110000005300829', '89882110000005300829'],
    ['null', () => null, null],
    ['a number: none', () => 42, null],
    ['a throw: none', () => { throw new Error('slot reader broken'); }, null],
    ['nothing to ask: none', undefined, null],
  ])('passes %s', (_, physicalIccid, expected) => {
    expect(physicalOf(physicalIccid)).toBe(expected);
  });

  it('asks for it only with a legacy purchase result', () => {
    let asked = 0;
    const w = world({ modem: { ...createSimulatedDevice().effects.modem, physicalIccid: () => (asked++, null) } });
    w.host.call(profileDownload());
    expect(asked).toBe(0);
    expect(w.inputs[0]).not.toHaveProperty('physicalIccid');
  });
});

describe('diagnostics the host words', () => {
  it('an effect failure names the effect, in an effectFailed error', async () => {
    const w = world({ ui: { ...createSimulatedDevice().effects.ui, progress: () => { throw new Error('no screen'); } } });
    w.host.call(profileDownload());
    await w.host.idle();
    expect(w.diagnostics).toContainEqual({ operationId: null, entryPoint: null, diagnostic: { code: 'effectFailed', severity: 'error', field: 'ui.progress', message: 'ui.progress failed: no screen' } });
  });

  it('a save that keeps failing says how often it was tried and that reports wait', async () => {
    const device = createSimulatedDevice();
    const w = world({ storage: { load: () => null, write: () => { throw new Error('disk full'); } } });
    void device;
    w.host.call(profileDownload());
    await w.host.idle();
    expect(w.diagnostics.map((d) => d.diagnostic.message)).toContain('storage.save failed: disk full (3 attempts; reports wait for the next save that succeeds)');
  });

  it.each<[string, unknown, string | null, string]>([
    ['a document it cannot read', { version: 2, nonsense: true }, null, 'the loaded document was set aside and the host starts empty: '],
  ])('quarantining %s says what was set aside', async (_, loaded, operationId, message) => {
    const quarantined: unknown[] = [];
    const w = world({ storage: { load: () => loaded as never, save: () => undefined } }, { onQuarantine: (q) => void quarantined.push(q) });
    await w.host.start();
    const notices = w.diagnostics.filter((d) => d.diagnostic.code === 'documentQuarantined');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ operationId, entryPoint: null, diagnostic: { severity: 'error', field: 'document' } });
    expect(notices[0]!.diagnostic.message.startsWith(message)).toBe(true);
    expect(quarantined).toMatchObject([{ kind: 'document' }]);
  });
});

describe('operations()', () => {
  it('lists the finished operations in the order they finished, whatever their ids', async () => {
    const ids = ['b', '10', 'c'];
    const w = world({ newId: () => ids.shift() ?? 'spare' });
    for (let i = 0; i < 3; i++) w.host.call({ kind: 'cancelledPurchase', entryPoint: 'MobilePlans.notifyCancelledPurchase', metadata: {} });
    await w.host.idle();
    expect(w.host.operations().map((o) => o.id)).toEqual(['b', '10', 'c']);
  });
});

describe('quarantined records', () => {
  it('says which operation, live or finished, was set aside and that the others resume', async () => {
    const first = world();
    const live = operationIdOf(first.host.call(profileDownload(60)));
    const finished = operationIdOf(first.host.call({ kind: 'cancelledPurchase', entryPoint: 'MobilePlans.notifyCancelledPurchase', metadata: {} }));
    await first.host.idle();
    const document = JSON.parse(JSON.stringify(first.host.state())) as { operations: Record<string, { value: string }>; finished: Record<string, { flow: string }> };
    expect(Object.keys(document.finished)).toEqual([finished]);
    document.operations[live]!.value = 'teleporting';
    document.finished[finished]!.flow = 'teleport';
    const quarantined: unknown[] = [];
    const w = world({ storage: { load: () => document as never, save: () => undefined } }, { onQuarantine: (q) => void quarantined.push(q) });
    await w.host.start();
    const notices = w.diagnostics.filter((d) => d.diagnostic.code === 'documentQuarantined').map((d) => [d.operationId, d.diagnostic.message.slice(0, d.diagnostic.message.indexOf(':'))]);
    expect(notices).toEqual(expect.arrayContaining([
      [live, 'the operation was set aside and the others resume'],
      [finished, 'the finished operation was set aside and the others resume'],
    ]));
    expect(notices).toHaveLength(2);
    expect(quarantined).toHaveLength(2);
  });
});

describe('after stop', () => {
  it('cancel answers false, not just something falsy', async () => {
    const w = world();
    const id = operationIdOf(w.host.call(profileDownload(60)));
    await w.host.idle();
    w.host.stop();
    expect(w.host.cancel(id)).toBe(false);
  });

  it('clears the LPA timeouts it armed', async () => {
    const cleared: string[] = [];
    const base = createSimulatedDevice().effects;
    const w = world({
      lpa: { ...base.lpa, download: () => new Promise(() => {}) },
      scheduler: { set: () => undefined, clear: (id) => void cleared.push(id) },
    });
    const id = operationIdOf(w.host.call(profileDownload()));
    w.host.stop();
    expect(cleared).toEqual([`lpa-timeout:${id}`]);
  });

  it('says nothing of an effect that fails later, and does not write again after a late failed write', async () => {
    const failing = later();
    const late = later();
    const writes: unknown[] = [];
    const base = createSimulatedDevice().effects;
    // The first write is at once, so the step's scheduled notice runs and stays in flight; the second step's write is late.
    const storage: StorageEffects = { load: () => null, write: (changes) => (writes.push(changes), writes.length === 1 ? undefined : late.promise) };
    let scheduledCalls = 0;
    // Typed void, answering with a promise anyway, as a host's effect may.
    const scheduled: () => unknown = () => (scheduledCalls++, failing.promise);
    const w = world({ storage, ui: { ...base.ui, scheduled } });
    w.host.call(profileDownload(60));
    expect(scheduledCalls).toBeGreaterThan(0);
    w.host.call(profileDownload(60, '1$smdp.example.com$SECOND-ID'));
    expect(writes).toHaveLength(2);
    w.host.stop();
    late.reject(new Error('disk gone'));
    failing.reject(new Error('screen gone'));
    await flush();
    expect(writes).toHaveLength(2);
    expect(w.diagnostics).toEqual([]);
  });
});

describe('firings of a timer no operation holds', () => {
  it('each is sent to the core, also twice at the same host time', () => {
    const w = world();
    w.host.fire('no-such-timer');
    w.host.fire('no-such-timer');
    expect(w.inputs.filter((input) => input.type === 'timer.fired')).toHaveLength(2);
  });

  it('one fired again while it is handled is not armed at the next input', () => {
    const armed: string[] = [];
    let reenter = false;
    const w = world({
      storage: { load: () => null, write: () => void (reenter && ((reenter = false), w.host.fire('no-such-timer'))) },
      scheduler: { set: (id) => void armed.push(id), clear: () => undefined },
    });
    reenter = true;
    w.host.fire('no-such-timer');
    w.host.launch('later-input');
    expect(reenter).toBe(false);
    expect(armed).toEqual([]);
  });
});

describe('a timer fired again while it is handled', () => {
  it('is not armed again at the next input when the step armed it itself', async () => {
    const device = createSimulatedDevice();
    const armed: string[] = [];
    let reenter: string | null = null;
    const w = world({
      storage: { load: () => null, write: (changes) => {
        const id = reenter;
        reenter = null;
        if (id !== null) w.host.fire(id);
        return device.effects.storage.write!(changes);
      } },
      scheduler: { set: (id) => void armed.push(id), clear: () => undefined },
    });
    const id = operationIdOf(w.host.call(profileDownload(15)));
    expect(armed).toEqual([id]);
    reenter = id;
    w.host.fire(id); // early: the step arms the timer again, after the firing inside its save was parked
    expect(reenter).toBe(null);
    expect(armed).toEqual([id, id]);
    w.host.launch('later-input');
    expect(armed).toEqual([id, id]);
  });
});

describe('an effect that sends an input', () => {
  it('returns before the next command of the step runs', () => {
    const order: string[] = [];
    let sendOnce = true;
    const w = world({
      ui: { ...createSimulatedDevice().effects.ui, scheduled: () => {
        if (sendOnce) {
          sendOnce = false;
          w.host.launch('from-an-effect');
        }
        order.push('ui.scheduled returned');
      } },
      scheduler: { set: () => void order.push('scheduler.set'), clear: () => undefined },
    });
    w.host.call(profileDownload(15));
    expect(order).toEqual(['ui.scheduled returned', 'scheduler.set']);
  });
});

describe('idle()', () => {
  it('waits for a save in flight and the commands after it', async () => {
    const write = later();
    const w = world({ storage: { load: () => null, write: () => write.promise } });
    w.host.call(profileDownload(60));
    let idle = false;
    void w.host.idle().then(() => (idle = true));
    await flush();
    expect(idle).toBe(false);
    write.resolve();
    await flush();
    expect(idle).toBe(true);
  });
});

describe('a synchronous device', () => {
  it('runs a burst of 1,000 operations without its stack growing with them', async () => {
    // The first download answers later, so the other 999 wait on the LPA; then every effect
    // answers at once, each answer is sent while commands are being run, and the host queues it
    // instead of running its commands inside the one that answered (999 operations deep).
    const first = later<{ iccid: string }>();
    let downloads = 0;
    const effects: Effects = {
      now: () => 0,
      lpa: { download: () => (++downloads === 1 ? first.promise : { iccid: '89882110000005300811' }), discover: () => null, enable: () => undefined, profileState: () => 'enabled' },
      modem: { register: () => undefined },
      scheduler: { set: () => undefined, clear: () => undefined },
      ui: { progress: () => undefined, scheduled: () => undefined, toast: () => undefined, hideToast: () => undefined, confirmationCode: () => undefined, returnToApp: () => undefined },
      storage: { load: () => null, write: () => undefined },
      callback: () => undefined,
      report: () => undefined,
      diagnostic: () => undefined,
    };
    const host = createHost({ effects });
    for (let i = 0; i < 1000; i++) host.call(profileDownload(undefined, `1$smdp${i}.example.com$MATCHING-${i}`));
    expect(host.state().lpa.active).not.toBeNull();
    first.resolve({ iccid: '89882110000005300811' });
    await host.idle();
    const registering = host.operations().filter((o) => o.live && o.state === 'registering');
    expect(registering).toHaveLength(1000);
    expect(host.state().lpa.active).toBeNull();
  });
});
