import { describe, expect, it } from 'vitest';
import type { DiagnosticNotice, Report } from '../../src/core/commands';
import type { Effects } from '../../src/host/effects';
import { createHost, DEFAULT_LPA_TIMEOUT_MS } from '../../src/host/host';
import { createSimulatedDevice } from '../../src/sim/device/index';
import { operationIdOf, profileDownload } from '../support/world';

/* The host's clock work: hung LPA calls end, early or refused timers do not stall an operation. */

const MINUTE = 60_000;

function world(override: (effects: Effects) => Partial<Effects>, config: { lpaTimeoutMs?: number } = {}) {
  const device = createSimulatedDevice();
  const reports: Report[] = [];
  const diagnostics: DiagnosticNotice[] = [];
  const base: Effects = { ...device.effects, report: (r) => void reports.push(r), diagnostic: (n) => void diagnostics.push(n) };
  const host = createHost({ effects: { ...base, ...override(base) }, config });
  device.attach(host);
  return { device, host, reports, diagnostics };
}

describe('a hung LPA call', () => {
  it(`ends after lpaTimeoutMs (default ${DEFAULT_LPA_TIMEOUT_MS / MINUTE} minutes) with unknownError, frees the LPA, and a late answer is ignored`, async () => {
    let answerLate: ((value: { iccid: string }) => void) | undefined;
    let calls = 0;
    const w = world((e) => ({
      lpa: { ...e.lpa, download: (request) => (++calls === 1 ? new Promise((resolve) => (answerLate = resolve)) : e.lpa.download(request)) },
    }));
    const first = operationIdOf(w.host.call(profileDownload()));
    const second = operationIdOf(w.host.call(profileDownload(undefined, '1$smdp.example.com$SECOND-MATCHING-ID')));
    await w.device.clock.advanceAsync(DEFAULT_LPA_TIMEOUT_MS - 1);
    expect(w.host.state().lpa.active, 'still waiting just before the timeout').toBe(first);
    await w.device.clock.advanceAsync(1);
    expect(w.reports.filter((r) => r.operationId === first)).toMatchObject([{ outcome: 'failed', activationResult: 'unknownError' }]);
    expect(w.diagnostics.map((d) => d.diagnostic.message)).toContain(`lpa.download failed: no answer within ${DEFAULT_LPA_TIMEOUT_MS} ms`);
    await w.host.idle(); // the abandoned call no longer counts as in flight
    await w.device.clock.advanceAsync(MINUTE);
    expect(w.reports.find((r) => r.operationId === second), 'the queued operation ran').toMatchObject({ outcome: 'connected' });

    answerLate!({ iccid: '89882110000005300811' });
    await w.host.idle();
    expect(w.reports.filter((r) => r.operationId === first), 'one report, the late answer ignored').toHaveLength(1);
  });

  it('takes its limit from the host config', async () => {
    const w = world((e) => ({ lpa: { ...e.lpa, enable: () => new Promise(() => {}) } }), { lpaTimeoutMs: 5_000 });
    const id = operationIdOf(w.host.call(profileDownload()));
    await w.device.clock.advanceAsync(5_000);
    expect(w.reports).toMatchObject([{ operationId: id, outcome: 'failed', activationResult: 'unknownError' }]);
  });
});

describe('early, late and refused timers', () => {
  it('a timer that fires 1 ms early is armed again for the rest of the wait, and the toast comes at the deadline', async () => {
    let early = 1;
    const w = world((e) => ({ scheduler: { ...e.scheduler, set: (id, at, fire) => e.scheduler.set(id, early-- > 0 ? at - 1 : at, fire) } }));
    const id = operationIdOf(w.host.call(profileDownload(15)));
    const deadline = w.host.state().operations[id]!.context.deadline!;
    await w.device.clock.advanceAsync(15 * MINUTE - 1);
    expect(w.device.ui.toasts()).not.toContain(id);
    expect(w.device.clock.timer(id), 'armed again for the last millisecond').toBe(deadline);
    await w.device.clock.advanceAsync(1);
    expect(w.device.clock.now()).toBe(deadline);
    expect(w.device.ui.toasts()).toContain(id);
  });

  it('the wall clock stepping back an hour: the early firing is re-armed, not lost', async () => {
    let skew = 0;
    // Like setTimeout: the wait is counted from the host's own clock.
    const w = world((e) => ({ now: () => e.now() - skew, scheduler: { ...e.scheduler, set: (id, at, fire) => e.scheduler.set(id, e.now() + (at - (e.now() - skew)), fire) } }));
    const id = operationIdOf(w.host.call(profileDownload(15)));
    skew = 60 * MINUTE; // the host's clock now reads an hour earlier than the scheduler's
    await w.device.clock.advanceAsync(15 * MINUTE);
    expect(w.device.ui.toasts()).not.toContain(id);
    expect(w.host.operations()).toMatchObject([{ id, state: 'scheduled' }]);
    const deadline = w.host.state().operations[id]!.context.deadline!;
    expect(w.device.clock.timer(id), 're-armed for the hour the host clock still has to wait').toBe(deadline + 60 * MINUTE);
    await w.device.clock.advanceAsync(60 * MINUTE);
    expect(w.device.ui.toasts()).toContain(id);
  });

  it('a scheduler whose clock runs ahead of the host clock does not loop: the firing waits for the next input', async () => {
    let skew = 0;
    const w = world((e) => ({ now: () => e.now() - skew }));
    const id = operationIdOf(w.host.call(profileDownload(15)));
    skew = 60 * MINUTE;
    await w.device.clock.advanceAsync(15 * MINUTE);
    expect(w.host.operations()).toMatchObject([{ id, state: 'scheduled' }]);
    skew = 0;
    w.host.launch('later-input');
    expect(w.device.ui.toasts()).toContain(id);
  });

  it('a scheduler.set that throws once is tried again at once', async () => {
    let refusals = 1;
    const w = world((e) => ({ scheduler: { ...e.scheduler, set: (id, at, fire) => (refusals-- > 0 ? (() => { throw new Error('alarm service down'); })() : e.scheduler.set(id, at, fire)) } }));
    const id = operationIdOf(w.host.call(profileDownload(15)));
    await w.device.clock.advanceAsync(15 * MINUTE);
    expect(w.device.ui.toasts()).toContain(id);
  });

  it('a scheduler.set that keeps throwing is armed again at the next input', async () => {
    let refusals = 2;
    const w = world((e) => ({ scheduler: { ...e.scheduler, set: (id, at, fire) => (refusals-- > 0 ? (() => { throw new Error('alarm service down'); })() : e.scheduler.set(id, at, fire)) } }));
    const id = operationIdOf(w.host.call(profileDownload(15)));
    expect(w.device.clock.timer(id)).toBeUndefined();
    expect(w.diagnostics.filter((d) => d.diagnostic.field === 'scheduler.set')).toHaveLength(2);
    w.host.launch('later-input');
    expect(w.device.clock.timer(id)).toBe(w.host.state().operations[id]!.context.deadline);
    await w.device.clock.advanceAsync(15 * MINUTE);
    expect(w.device.ui.toasts()).toContain(id);
  });
});
