import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/core/commands';
import type { Input } from '../../src/core/inputs';
import type { Effects } from '../../src/host/effects';
import { lpaTimeoutId, runCommand, type RunContext } from '../../src/host/run';
import type { Untimed } from '../../src/host/untimed';

/*
 * runCommand against a recording context: what each command asks of the effects, what goes
 * back to the core, and the exact diagnostic for every answer an effect may not give. Gaps
 * mutation testing found: the host-level tests saw an operation fail, not why, so the answer
 * checks' own conditions and messages, the LPA timeout's arming and clearing, and the progress
 * filter could all change unseen.
 */

const OPERATION = 'op-1';
const CODE = '1$smdp.example.com$SECRET-MATCHING-ID-4711';
const ICCID = '89882110000005300811';
const NOW = 1_000_000;
const LIMIT = 30_000;

type Call = readonly [string, ...unknown[]];

/** A context whose effects answer with `overrides` (synchronously unless they return a promise) and record every call. */
function world(overrides: { lpa?: Partial<Effects['lpa']>; modem?: Partial<Effects['modem']>; scheduler?: Partial<Effects['scheduler']>; ui?: Partial<Effects['ui']>; callback?: Effects['callback']; report?: Effects['report'] } = {}) {
  const calls: Call[] = [];
  const sent: Untimed<Input>[] = [];
  const failures: [string, string][] = [];
  const pending: Promise<void>[] = [];
  const fired: string[] = [];
  const timers = new Map<string, () => void>();
  const touched: string[] = [];
  const timerFailures: [string, number][] = [];
  let stopped = false;
  const record = (name: string) => (...args: unknown[]) => void calls.push([name, ...args]);
  const effects = {
    now: () => NOW,
    lpa: { download: () => ({ iccid: ICCID }), discover: () => null, enable: () => undefined, profileState: () => 'enabled', ...overrides.lpa },
    modem: { register: record('modem.register'), ...overrides.modem },
    scheduler: {
      set: (id: string, at: number, fire: () => void) => {
        calls.push(['scheduler.set', id, at]);
        timers.set(id, fire);
      },
      clear: (id: string) => void calls.push(['scheduler.clear', id]),
      ...overrides.scheduler,
    },
    ui: { progress: record('ui.progress'), scheduled: record('ui.scheduled'), toast: record('ui.toast'), hideToast: record('ui.hideToast'), confirmationCode: record('ui.confirmationCode'), returnToApp: record('ui.returnToApp'), ...overrides.ui },
    callback: overrides.callback ?? record('callback'),
    report: overrides.report ?? record('report'),
    diagnostic: record('diagnostic'),
    storage: { load: () => null },
  } as unknown as Effects;
  const ctx: RunContext = {
    effects,
    send: (input) => void sent.push(input),
    fire: (id) => void fired.push(id),
    track: (p) => void pending.push(p),
    effectFailed: (what, message) => void failures.push([what, message]),
    isStopped: () => stopped,
    lpaTimeoutMs: LIMIT,
    timerFailed: (id, at) => void timerFailures.push([id, at]),
    timerTouched: (id) => void touched.push(id),
    lpaTimeouts: new Set<string>(),
  };
  return {
    ctx, calls, sent, failures, fired, timers, touched, timerFailures,
    stop: () => void (stopped = true),
    run: (command: Command) => runCommand(command, ctx),
    settle: () => Promise.all(pending.splice(0)),
  };
}

const download: Command = { type: 'lpa.download', operationId: OPERATION, activationCode: CODE, confirmationCode: null };
const discover: Command = { type: 'lpa.discover', operationId: OPERATION };
const query: Command = { type: 'lpa.queryProfile', operationId: OPERATION, iccid: ICCID };

/** An effect typed void that answers with a promise anyway, as a host's may: the host tracks it. */
const answering = (answer: () => unknown): (() => unknown) => answer;

/** A promise and the functions that settle it. */
function later<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('runCommand: answers an LPA effect may not give', () => {
  it.each<[string, unknown, string]>([
    ['null', null, 'lpa.download must resolve with { iccid }, got null'],
    ['a number', 7, 'lpa.download must resolve with { iccid }, got number'],
    ['a string', ICCID, 'lpa.download must resolve with { iccid }, got string'],
    ['undefined', undefined, 'lpa.download must resolve with { iccid }, got undefined'],
    ['an ICCID that is not one', { iccid: '12' }, 'lpa.download resolved with an invalid ICCID: iccid must be 18 to 22 digits starting with 89, optionally ending in F, with no spaces; got 2 characters'],
  ])('a download answering %s fails with unknownError and says why', (_, answer, message) => {
    const w = world({ lpa: { download: () => answer as never } });
    w.run(download);
    expect(w.sent).toEqual([{ type: 'lpa.failed', operationId: OPERATION, error: 'unknownError' }]);
    expect(w.failures).toEqual([['lpa.download', `unexpected answer: ${message}`]]);
  });

  it('a valid answer is normalized and sent as lpa.downloaded', () => {
    const w = world({ lpa: { download: () => ({ iccid: `${ICCID.slice(0, -1)}f` }) } });
    w.run(download);
    expect(w.sent).toEqual([{ type: 'lpa.downloaded', operationId: OPERATION, iccid: `${ICCID.slice(0, -1)}F` }]);
    expect(w.failures).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['a number', 3, 'lpa.discover must resolve with null or { activationCode }, got number'],
    ['undefined', undefined, 'lpa.discover must resolve with null or { activationCode }, got undefined'],
    ['a code that is null', { activationCode: null }, 'lpa.discover resolved with a non-string activation code (null)'],
    ['a code that is a number', { activationCode: 5 }, 'lpa.discover resolved with a non-string activation code (number)'],
    ['no code', {}, 'lpa.discover resolved with a non-string activation code (undefined)'],
  ])('a discovery answering %s fails with unknownError and says why', (_, answer, message) => {
    const w = world({ lpa: { discover: () => answer as never } });
    w.run(discover);
    expect(w.sent).toEqual([{ type: 'lpa.failed', operationId: OPERATION, error: 'unknownError' }]);
    expect(w.failures).toEqual([['lpa.discover', `unexpected answer: ${message}`]]);
  });

  it('a discovery answering null or a code is sent on as it is', () => {
    const w = world({ lpa: { discover: () => null } });
    w.run(discover);
    const found = world({ lpa: { discover: () => ({ activationCode: CODE }) } });
    found.run(discover);
    expect(w.sent).toEqual([{ type: 'lpa.nothingDiscovered', operationId: OPERATION }]);
    expect(found.sent).toEqual([{ type: 'lpa.discovered', operationId: OPERATION, activationCode: CODE }]);
  });

  it.each<[string, unknown, string]>([
    ['an unknown state', 'sideways', 'lpa.profileState must resolve with enabled, disabled or absent, got "sideways"'],
    ['a long string, cut to 40 characters', 'x'.repeat(60), `lpa.profileState must resolve with enabled, disabled or absent, got "${'x'.repeat(40)}"`],
    ['a number', 1, 'lpa.profileState must resolve with enabled, disabled or absent, got number'],
    ['null', null, 'lpa.profileState must resolve with enabled, disabled or absent, got object'],
  ])('a profile query answering %s fails with unknownError and says why', (_, answer, message) => {
    const w = world({ lpa: { profileState: () => answer as never } });
    w.run(query);
    expect(w.sent).toEqual([{ type: 'lpa.failed', operationId: OPERATION, error: 'unknownError' }]);
    expect(w.failures).toEqual([['lpa.queryProfile', `unexpected answer: ${message}`]]);
  });

  it.each(['enabled', 'disabled', 'absent'] as const)('a profile query answering %s is sent on', (state) => {
    const w = world({ lpa: { profileState: () => state } });
    w.run(query);
    expect(w.sent).toEqual([{ type: 'lpa.profile', operationId: OPERATION, state }]);
  });

  it('a failure naming an activation error is sent with it and is not a diagnostic', () => {
    const w = world({ lpa: { enable: () => { throw { activationError: 'cardBusy' }; } } });
    w.run({ type: 'lpa.enable', operationId: OPERATION, iccid: ICCID });
    expect(w.sent).toEqual([{ type: 'lpa.failed', operationId: OPERATION, error: 'cardBusy' }]);
    expect(w.failures).toEqual([]);
  });

  it("masks the code's matching ID in what the download threw", () => {
    const w = world({ lpa: { download: () => { throw new Error('refused SECRET-MATCHING-ID-4711'); } } });
    w.run(download);
    expect(w.failures).toEqual([['lpa.download', 'refused ***']]);
  });
});

describe('runCommand: the LPA call timeout', () => {
  it('arms a timeout for an answer that is late, clears it when the answer comes, and forgets it', async () => {
    const answer = later<{ iccid: string }>();
    const w = world({ lpa: { download: () => answer.promise } });
    w.run(download);
    const timeoutId = lpaTimeoutId(OPERATION);
    expect(timeoutId).toBe(`lpa-timeout:${OPERATION}`);
    expect(w.calls).toEqual([['scheduler.set', timeoutId, NOW + LIMIT]]);
    expect([...w.ctx.lpaTimeouts]).toEqual([timeoutId]);
    answer.resolve({ iccid: ICCID });
    await w.settle();
    expect(w.calls).toEqual([['scheduler.set', timeoutId, NOW + LIMIT], ['scheduler.clear', timeoutId]]);
    expect([...w.ctx.lpaTimeouts]).toEqual([]);
    expect(w.sent).toEqual([{ type: 'lpa.downloaded', operationId: OPERATION, iccid: ICCID }]);
  });

  it('arms nothing for an answer given at once', () => {
    const w = world();
    w.run(download);
    expect(w.calls).toEqual([]);
    expect(w.ctx.lpaTimeouts.size).toBe(0);
  });

  it('fails the call with unknownError when the timeout fires first, and ignores the late answer', async () => {
    const answer = later<{ iccid: string }>();
    const w = world({ lpa: { download: () => answer.promise } });
    w.run(download);
    w.timers.get(lpaTimeoutId(OPERATION))!();
    expect(w.sent).toEqual([{ type: 'lpa.failed', operationId: OPERATION, error: 'unknownError' }]);
    expect(w.failures).toEqual([['lpa.download', `no answer within ${LIMIT} ms`]]);
    answer.resolve({ iccid: ICCID });
    await w.settle();
    expect(w.sent).toHaveLength(1);
  });

  it('keeps no timeout when the scheduler cannot arm it, and says so', async () => {
    const answer = later<{ iccid: string }>();
    const w = world({ lpa: { download: () => answer.promise }, scheduler: { set: () => { throw new Error('no timers'); } } });
    w.run(download);
    expect(w.failures).toEqual([['scheduler.set', 'no timers']]);
    expect(w.ctx.lpaTimeouts.size).toBe(0);
    answer.resolve({ iccid: ICCID });
    await w.settle();
    expect(w.calls).toEqual([]); // nothing armed, so nothing to clear
    expect(w.sent).toEqual([{ type: 'lpa.downloaded', operationId: OPERATION, iccid: ICCID }]);
  });

  it('arms no timeout once the host stopped, and sends nothing for an answer after the stop', async () => {
    const answer = later<{ iccid: string }>();
    const w = world({ lpa: { download: () => { w.stop(); return answer.promise; } } });
    w.run(download);
    expect(w.calls).toEqual([]);
    answer.resolve({ iccid: ICCID });
    await w.settle();
    expect(w.sent).toEqual([]);
  });

  it('keeps no timeout that fired while the scheduler armed it', () => {
    const w = world({ lpa: { download: () => later<{ iccid: string }>().promise }, scheduler: { set: (_id: string, _at: number, fire: () => void) => fire() } });
    w.run(download);
    expect(w.sent).toEqual([{ type: 'lpa.failed', operationId: OPERATION, error: 'unknownError' }]);
    expect(w.ctx.lpaTimeouts.size).toBe(0);
  });

  it('clears the armed timeout even when the answer comes after the stop', async () => {
    const answer = later<{ iccid: string }>();
    const w = world({ lpa: { download: () => answer.promise } });
    w.run(download);
    w.stop();
    answer.resolve({ iccid: ICCID });
    await w.settle();
    expect(w.calls.at(-1)).toEqual(['scheduler.clear', lpaTimeoutId(OPERATION)]);
    expect(w.sent).toEqual([]);
  });
});

describe('runCommand: download progress', () => {
  it('sends finite percentages while the download runs, clamped to 0–100, and nothing else', async () => {
    const answer = later<{ iccid: string }>();
    let report!: (percent: number) => void;
    const w = world({ lpa: { download: (request) => ((report = request.onProgress), answer.promise) } });
    w.run(download);
    for (const percent of [10, -5, 250, Number.NaN, Number.POSITIVE_INFINITY, '50' as unknown as number]) report(percent);
    expect(w.sent).toEqual([
      { type: 'lpa.progress', operationId: OPERATION, percent: 10 },
      { type: 'lpa.progress', operationId: OPERATION, percent: 0 },
      { type: 'lpa.progress', operationId: OPERATION, percent: 100 },
    ]);
    answer.resolve({ iccid: ICCID });
    await w.settle();
    report(90); // after the answer
    expect(w.sent.map((input) => input.type)).toEqual(['lpa.progress', 'lpa.progress', 'lpa.progress', 'lpa.downloaded']);
  });

  it('sends no progress after the host stopped', () => {
    let report!: (percent: number) => void;
    const w = world({ lpa: { download: (request) => ((report = request.onProgress), later<{ iccid: string }>().promise) } });
    w.run(download);
    w.stop();
    report(40);
    expect(w.sent).toEqual([]);
  });

  it('sends progress the download reports before it returns', () => {
    const w = world({ lpa: { download: (request) => (request.onProgress(25), { iccid: ICCID }) } });
    w.run(download);
    expect(w.sent).toEqual([
      { type: 'lpa.progress', operationId: OPERATION, percent: 25 },
      { type: 'lpa.downloaded', operationId: OPERATION, iccid: ICCID },
    ]);
  });

  it('passes the operation id to a discovery', () => {
    const requests: unknown[] = [];
    const w = world({ lpa: { discover: (request) => (requests.push(request), null) } });
    w.run(discover);
    expect(requests).toEqual([{ operationId: OPERATION }]);
  });

  it('names scheduler.clear when clearing the answered call\'s timeout fails', async () => {
    const answer = later<{ iccid: string }>();
    const w = world({ lpa: { download: () => answer.promise }, scheduler: { clear: () => { throw new Error('no clear'); } } });
    w.run(download);
    answer.resolve({ iccid: ICCID });
    await w.settle();
    expect(w.failures).toEqual([['scheduler.clear', 'no clear']]);
  });

  it('passes the code and the confirmation code to the LPA', () => {
    const requests: unknown[] = [];
    const w = world({ lpa: { download: (request) => (requests.push({ ...request, onProgress: typeof request.onProgress }), { iccid: ICCID }) } });
    w.run({ ...download, confirmationCode: '1234' });
    expect(requests).toEqual([{ operationId: OPERATION, activationCode: CODE, confirmationCode: '1234', onProgress: 'function' }]);
  });
});

describe('runCommand: the modem', () => {
  it('fails a download with modemNotFound before the LPA is called when the device says it has no modem', () => {
    let downloads = 0;
    const w = world({ lpa: { download: () => (downloads++, { iccid: ICCID }) }, modem: { present: () => false } });
    w.run(download);
    expect(downloads).toBe(0);
    expect(w.sent).toEqual([{ type: 'lpa.failed', operationId: OPERATION, error: 'modemNotFound' }]);
  });

  it.each<[string, () => boolean]>([
    ['true', () => true],
    ['something not false', () => 'yes' as unknown as boolean],
  ])('downloads when present() answers %s', (_, present) => {
    const w = world({ modem: { present } });
    w.run(download);
    expect(w.sent).toEqual([{ type: 'lpa.downloaded', operationId: OPERATION, iccid: ICCID }]);
  });

  it('downloads when present() throws, and says it threw', () => {
    const w = world({ modem: { present: () => { throw new Error('no answer'); } } });
    w.run(download);
    expect(w.failures).toEqual([['modem.present', 'no answer']]);
    expect(w.sent).toEqual([{ type: 'lpa.downloaded', operationId: OPERATION, iccid: ICCID }]);
  });

  it('asks present() only before a download', () => {
    let asked = 0;
    const w = world({ modem: { present: () => (asked++, true) } });
    w.run(discover);
    w.run(query);
    expect(asked).toBe(0);
    w.run(download);
    expect(asked).toBe(1);
  });

  it('registers; a failure naming an activation error ends the registration, any other is only logged', () => {
    const named = world({ modem: { register: () => { throw { activationError: 'modemNotFound', message: 'gone' }; } } });
    named.run({ type: 'modem.register', operationId: OPERATION, iccid: ICCID });
    expect(named.sent).toEqual([{ type: 'modem.failed', operationId: OPERATION, error: 'modemNotFound' }]);
    expect(named.failures).toEqual([['modem.register', 'gone']]);

    const other = world({ modem: { register: () => { throw new Error('busy'); } } });
    other.run({ type: 'modem.register', operationId: OPERATION, iccid: ICCID });
    expect(other.sent).toEqual([]);
    expect(other.failures).toEqual([['modem.register', 'busy']]);
  });

  it('says nothing of a registration that fails after the stop', async () => {
    const answer = later<void>();
    const w = world({ modem: { register: () => answer.promise } });
    w.run({ type: 'modem.register', operationId: OPERATION, iccid: ICCID });
    w.stop();
    answer.reject({ activationError: 'modemNotFound' });
    await w.settle();
    expect(w.sent).toEqual([]);
    expect(w.failures).toEqual([]);
  });
});

describe('runCommand: timers and fire-and-forget effects', () => {
  it('arms a timer that fires back through the host, and tries a failing scheduler once more before handing it to the host', () => {
    const w = world();
    w.run({ type: 'scheduler.set', timerId: OPERATION, at: NOW + 5 });
    expect(w.touched).toEqual([OPERATION]);
    w.timers.get(OPERATION)!();
    expect(w.fired).toEqual([OPERATION]);

    let tries = 0;
    const failing = world({ scheduler: { set: () => { tries++; throw new Error('full'); } } });
    failing.run({ type: 'scheduler.set', timerId: OPERATION, at: NOW + 5 });
    expect(tries).toBe(2);
    expect(failing.failures).toEqual([['scheduler.set', 'full'], ['scheduler.set', 'full']]);
    expect(failing.timerFailures).toEqual([[OPERATION, NOW + 5]]);

    let attempts = 0;
    const once = world({ scheduler: { set: () => { if (attempts++ === 0) throw new Error('full'); } } });
    once.run({ type: 'scheduler.set', timerId: OPERATION, at: NOW + 5 });
    expect(attempts).toBe(2);
    expect(once.timerFailures).toEqual([]);
  });

  it('clears a timer and marks it touched', () => {
    const w = world();
    w.run({ type: 'scheduler.clear', timerId: OPERATION });
    expect(w.calls).toEqual([['scheduler.clear', OPERATION]]);
    expect(w.touched).toEqual([OPERATION]);
  });

  it('acknowledges a report once the report effect took it, and not when it failed or after the stop', async () => {
    const report = { operationId: OPERATION } as never;
    const w = world();
    w.run({ type: 'report', report });
    expect(w.calls).toEqual([['report', report]]);
    expect(w.sent).toEqual([{ type: 'report.delivered', operationId: OPERATION }]);

    const answer = later<void>();
    const late = world({ report: answering(() => answer.promise) });
    late.run({ type: 'report', report });
    late.stop();
    answer.resolve();
    await late.settle();
    expect(late.sent).toEqual([]);
  });

  it('names the effect that failed in its diagnostic, and says nothing after the stop', async () => {
    const w = world({ ui: { toast: () => { throw new Error('no screen'); } } });
    w.run({ type: 'ui.toast', operationId: OPERATION });
    expect(w.failures).toEqual([['ui.toast', 'no screen']]);

    const answer = later<void>();
    const late = world({ callback: answering(() => answer.promise) });
    late.run({ type: 'portal.callback', operationId: OPERATION, script: 'registrationChanged', args: '{}' });
    late.stop();
    answer.reject(new Error('page gone'));
    await late.settle();
    expect(late.failures).toEqual([]);
  });
});
