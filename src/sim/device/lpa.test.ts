import { describe, expect, it } from 'vitest';
import { parseActivationCode } from '../../domain/activationCode';
import { ACTIVATION_ERRORS } from '../../domain/enums';
import { activationErrorOf } from '../../host/run';
import { VirtualClock } from './clock';
import { SimulatedEffectError, type ActivationFailure } from './errors';
import { VirtualEuicc } from './euicc';
import { SimulatedLpa, type LpaOptions } from './lpa';

const CODE = '1$smdp.example.com$MATCH-1';
const FAILURES = ACTIVATION_ERRORS.filter((e): e is ActivationFailure => e !== 'success');

function setup(options: LpaOptions = {}) {
  const clock = new VirtualClock(0);
  const euicc = new VirtualEuicc();
  const lpa = new SimulatedLpa(euicc, clock, options);
  return { clock, euicc, lpa };
}

function download(lpa: SimulatedLpa, activationCode = CODE, confirmationCode: string | null = null, progress: number[] = []) {
  return lpa.download({ operationId: 'op-1', activationCode, confirmationCode, onProgress: (p) => progress.push(p) });
}

/** The error a call throws synchronously (the test fails if it does not throw). */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a synchronous throw');
}

describe('SimulatedLpa downloads', () => {
  it('installs the profile and answers its ICCID synchronously by default', () => {
    const { lpa, euicc } = setup();
    const answer = download(lpa);
    expect(answer).not.toBeInstanceOf(Promise);
    expect(answer).toEqual({ iccid: euicc.installedFrom(CODE) });
    expect(euicc.profiles()).toHaveLength(1);
  });

  it.each(FAILURES)('throws %s synchronously when scripted, and installs nothing', (activationError) => {
    const { lpa, euicc } = setup();
    lpa.setOutcome('download', activationError);
    const error = thrown(() => download(lpa));
    expect(error).toBeInstanceOf(SimulatedEffectError);
    expect(error).toMatchObject({ activationError });
    expect(activationErrorOf(error)).toBe(activationError);
    expect(euicc.profiles()).toEqual([]);
  });

  it('takes queued outcomes in order, then the default', () => {
    const { lpa } = setup({ download: 'serverFailure' });
    lpa.setOutcome('download', 'cardBusy');
    lpa.setOutcome('download', 'success');
    expect(lpa.queued('download')).toBe(2);
    expect(thrown(() => download(lpa, '1$smdp.example.com$A-1'))).toMatchObject({ activationError: 'cardBusy' });
    expect(download(lpa, '1$smdp.example.com$A-2')).toHaveProperty('iccid');
    expect(thrown(() => download(lpa, '1$smdp.example.com$A-3'))).toMatchObject({ activationError: 'serverFailure' });
    lpa.setDefaultOutcome('download', 'notFound');
    expect(thrown(() => download(lpa, '1$smdp.example.com$A-3'))).toMatchObject({ activationError: 'notFound' });
  });

  it('answers the same ICCID for the same code again without installing twice or using a scripted outcome', () => {
    const { lpa, euicc } = setup();
    const first = download(lpa);
    lpa.setOutcome('download', 'serverNotReachable');
    expect(download(lpa, `LPA:${CODE}`)).toEqual(first);
    expect(euicc.profiles()).toHaveLength(1);
    expect(lpa.queued('download')).toBe(1);
  });

  it('fails with insufficientSpaceOnCard when the eUICC is full', () => {
    const clock = new VirtualClock(0);
    const lpa = new SimulatedLpa(new VirtualEuicc({ capacity: 0 }), clock);
    expect(thrown(() => download(lpa))).toMatchObject({ activationError: 'insufficientSpaceOnCard' });
  });
});

describe('SimulatedLpa confirmation codes', () => {
  it('asks for the scripted code: missing, then wrong, then right installs', () => {
    const { lpa, euicc } = setup();
    lpa.setOutcome('download', { requireConfirmationCode: '1234' });
    expect(thrown(() => download(lpa, CODE, null))).toMatchObject({ activationError: 'confirmationCodeMissing' });
    expect(thrown(() => download(lpa, CODE, '0000'))).toMatchObject({ activationError: 'incorrectConfirmationCode' });
    expect(euicc.profiles()).toEqual([]);
    expect(download(lpa, CODE, '1234')).toHaveProperty('iccid');
    expect(euicc.profiles()).toHaveLength(1);
  });

  it('answers confirmationCodeMaxRetriesExceeded at the third wrong code by default, and from then on', () => {
    const { lpa } = setup();
    lpa.setOutcome('download', { requireConfirmationCode: '1234' });
    expect(thrown(() => download(lpa, CODE, null))).toMatchObject({ activationError: 'confirmationCodeMissing' });
    expect(thrown(() => download(lpa, CODE, '1'))).toMatchObject({ activationError: 'incorrectConfirmationCode' });
    expect(thrown(() => download(lpa, CODE, '2'))).toMatchObject({ activationError: 'incorrectConfirmationCode' });
    expect(thrown(() => download(lpa, CODE, '3'))).toMatchObject({ activationError: 'confirmationCodeMaxRetriesExceeded' });
    expect(thrown(() => download(lpa, CODE, '1234'))).toMatchObject({ activationError: 'confirmationCodeMaxRetriesExceeded' });
  });

  it('honours a configured number of retries, per code or for the whole LPA', () => {
    const { lpa } = setup({ maxConfirmationCodeRetries: 1 });
    lpa.setOutcome('download', { requireConfirmationCode: '1234' });
    expect(thrown(() => download(lpa, CODE, '9'))).toMatchObject({ activationError: 'confirmationCodeMaxRetriesExceeded' });
    lpa.requireConfirmationCode('1$smdp.example.com$OTHER', '42', 2);
    expect(thrown(() => download(lpa, '1$smdp.example.com$OTHER', '9'))).toMatchObject({ activationError: 'incorrectConfirmationCode' });
    expect(thrown(() => download(lpa, '1$smdp.example.com$OTHER', '9'))).toMatchObject({ activationError: 'confirmationCodeMaxRetriesExceeded' });
  });

  it('requires some confirmation code for a code flagged $1 even when nothing is scripted', () => {
    const { lpa } = setup();
    const flagged = '1$smdp.example.com$MATCH-9$$1';
    expect(thrown(() => download(lpa, flagged, null))).toMatchObject({ activationError: 'confirmationCodeMissing' });
    expect(download(lpa, flagged, 'anything')).toHaveProperty('iccid');
  });
});

describe('SimulatedLpa slow downloads', () => {
  it('reports progress on the virtual clock and resolves at the end', async () => {
    const { lpa, clock, euicc } = setup();
    lpa.setOutcome('download', { slow: { durationMs: 8000, progressSteps: 4 } });
    const progress: Array<[number, number]> = [];
    const answer = lpa.download({ operationId: 'op-1', activationCode: CODE, confirmationCode: null, onProgress: (p) => progress.push([clock.now(), p]) });
    expect(answer).toBeInstanceOf(Promise);
    clock.advance(7999);
    expect(progress).toEqual([[2000, 25], [4000, 50], [6000, 75]]);
    expect(euicc.profiles()).toEqual([]);
    clock.advance(1);
    expect(progress.at(-1)).toEqual([8000, 100]);
    await expect(answer).resolves.toEqual({ iccid: euicc.installedFrom(CODE) });
  });

  it('rejects a slow failure at the end, with progress stopping short of 100%', async () => {
    const { lpa, clock, euicc } = setup();
    lpa.setOutcome('download', { slow: { durationMs: 3000, progressSteps: 3, then: 'serverNotReachable' } });
    const progress: number[] = [];
    const answer = download(lpa, CODE, null, progress);
    const settled = Promise.resolve(answer).then(() => 'resolved', (error: unknown) => error);
    clock.advance(3000);
    expect(await settled).toMatchObject({ activationError: 'serverNotReachable' });
    expect(progress).toEqual([33, 67]);
    expect(euicc.profiles()).toEqual([]);
  });

  it('joins a download of the same code still running instead of starting a second one', async () => {
    const { lpa, clock, euicc } = setup();
    lpa.setOutcome('download', { slow: { durationMs: 1000, progressSteps: 2 } });
    const before: number[] = [];
    const after: number[] = [];
    const first = download(lpa, CODE, null, before);
    clock.advance(500);
    const second = download(lpa, CODE, null, after);
    clock.advance(500);
    expect(await second).toEqual(await first);
    expect(before).toEqual([50, 100]);
    expect(after).toEqual([100]);
    expect(euicc.profiles()).toHaveLength(1);
  });

  it('checks a confirmation code on a slow download too', async () => {
    const { lpa, clock } = setup();
    lpa.setOutcome('download', { slow: { durationMs: 100, then: { requireConfirmationCode: '1234' } } });
    const answer = Promise.resolve(download(lpa, CODE, null)).catch((error: unknown) => error);
    clock.advance(100);
    expect(await answer).toMatchObject({ activationError: 'confirmationCodeMissing' });
  });
});

describe('SimulatedLpa discovery', () => {
  it('finds nothing by default', () => {
    const { lpa } = setup();
    expect(lpa.discover({ operationId: 'op-1' })).toBeNull();
  });

  it('makes up a valid activation code for a ready profile, or gives the scripted one', () => {
    const { lpa } = setup();
    lpa.setOutcome('discover', { profileReady: true });
    lpa.setOutcome('discover', { profileReady: true, activationCode: '1$smds.example.com$GIVEN-1' });
    const made = lpa.discover({ operationId: 'op-1' });
    expect(made).not.toBeInstanceOf(Promise);
    expect(made).not.toBeNull();
    expect(parseActivationCode((made as { activationCode: string }).activationCode).ok).toBe(true);
    expect(lpa.discover({ operationId: 'op-1' })).toEqual({ activationCode: '1$smds.example.com$GIVEN-1' });
  });

  it.each(FAILURES)('throws %s when scripted', (activationError) => {
    const { lpa } = setup();
    lpa.setOutcome('discover', activationError);
    expect(thrown(() => lpa.discover({ operationId: 'op-1' }))).toMatchObject({ activationError });
  });

  it('answers a slow discovery later on the virtual clock', async () => {
    const { lpa, clock } = setup();
    lpa.setOutcome('discover', { slow: { durationMs: 2000, then: { profileReady: true } } });
    const answer = lpa.discover({ operationId: 'op-1' });
    let found: unknown = 'pending';
    void Promise.resolve(answer).then((value) => (found = value));
    await clock.advanceAsync(1999);
    expect(found).toBe('pending');
    await clock.advanceAsync(1);
    expect(found).toMatchObject({ activationCode: expect.stringMatching(/^1\$smdp\.example\.com\$/) });
  });
});

describe('SimulatedLpa enable and profile state', () => {
  it('enables an installed profile and tells its state from the eUICC', () => {
    const { lpa, euicc } = setup();
    const { iccid } = euicc.install(CODE);
    expect(lpa.profileState({ operationId: 'op-1', iccid })).toBe('disabled');
    expect(lpa.enable({ operationId: 'op-1', iccid })).toBeUndefined();
    expect(lpa.profileState({ operationId: 'op-1', iccid })).toBe('enabled');
    expect(lpa.profileState({ operationId: 'op-1', iccid: '89882470000000000998' })).toBe('absent');
  });

  it('fails to enable a profile that is not there with profileNotPresent', () => {
    const { lpa } = setup();
    expect(thrown(() => lpa.enable({ operationId: 'op-1', iccid: '89882470000000000998' }))).toMatchObject({ activationError: 'profileNotPresent' });
  });

  it.each(FAILURES)('throws %s from enable and profileState when scripted', (activationError) => {
    const { lpa, euicc } = setup();
    const { iccid } = euicc.install(CODE);
    lpa.setOutcome('enable', activationError);
    lpa.setOutcome('profileState', activationError);
    expect(thrown(() => lpa.enable({ operationId: 'op-1', iccid }))).toMatchObject({ activationError });
    expect(thrown(() => lpa.profileState({ operationId: 'op-1', iccid }))).toMatchObject({ activationError });
    expect(euicc.profileState(iccid)).toBe('disabled');
  });

  it('enables slowly when scripted', async () => {
    const { lpa, clock, euicc } = setup();
    const { iccid } = euicc.install(CODE);
    lpa.setOutcome('enable', { slow: { durationMs: 500 } });
    const answer = lpa.enable({ operationId: 'op-1', iccid });
    expect(answer).toBeInstanceOf(Promise);
    expect(euicc.profileState(iccid)).toBe('disabled');
    clock.advance(500);
    await answer;
    expect(euicc.profileState(iccid)).toBe('enabled');
  });
});
