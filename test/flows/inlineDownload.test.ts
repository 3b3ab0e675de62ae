import { describe, expect, it } from 'vitest';
import { ACTIVATION_CODE, createWorld, operationIdOf, profileDownload, SECRET_MATCHING_ID } from '../support/world';

const SECOND = 1 / 60;

describe('inline download', () => {
  it('downloads, enables, tells the portal and connects once the modem registers on the home network', async () => {
    const world = await createWorld();
    const id = operationIdOf(world.call(profileDownload()));
    await world.advance(5 * SECOND);

    const iccid = world.device.euicc.profiles()[0]!.iccid;
    expect(world.commandTypes(id)).toEqual([
      'ui.progress', 'lpa.download', 'ui.progress', 'lpa.enable', 'portal.callback',
      'ui.progress', 'modem.register', 'scheduler.set',
      'portal.callback', 'scheduler.clear', 'portal.callback', 'report',
    ]);
    expect(world.callbacks(id)).toEqual([
      { script: 'profileActivationComplete', args: { activationResult: 'success', iccid } },
      { script: 'registrationChanged', args: { networkRegistrationState: 'searching', iccid } },
      { script: 'registrationChanged', args: { networkRegistrationState: 'home', iccid } },
    ]);
    expect(world.reports()).toMatchObject([{ operationId: id, flow: 'inlineDownload', outcome: 'connected', activationResult: 'success', iccid, registrationState: 'home' }]);
    expect(world.device.euicc.enabledIccid()).toBe(iccid);
  });

  it.each(['roaming', 'partner'] as const)('connects on a %s network too', async (network) => {
    const world = await createWorld({ device: { registration: network } });
    world.call(profileDownload());
    await world.advance(1);
    expect(world.reports()).toMatchObject([{ outcome: 'connected', registrationState: network }]);
  });

  it('reports notConnected when registration is denied, after telling the portal', async () => {
    const world = await createWorld({ device: { registration: 'denied' } });
    const id = operationIdOf(world.call(profileDownload()));
    await world.advance(1);
    expect(world.callbacks(id).at(-1)).toMatchObject({ script: 'registrationChanged', args: { networkRegistrationState: 'denied' } });
    expect(world.reports()).toMatchObject([{ outcome: 'notConnected', activationResult: 'success', registrationState: 'denied' }]);
  });

  it('reports notConnected when the modem never registers within the registration timeout', async () => {
    const world = await createWorld({ device: { registration: 'none' } });
    world.call(profileDownload());
    await world.advance(4.99);
    expect(world.reports()).toEqual([]);
    await world.advance(0.02);
    expect(world.reports()).toMatchObject([{ outcome: 'notConnected', registrationState: null }]);
  });

  it('passes an LPA failure to the activation callback and the report, and never enables', async () => {
    const world = await createWorld();
    world.device.lpa.setOutcome('download', 'serverNotReachable');
    const id = operationIdOf(world.call(profileDownload()));
    expect(world.callbacks(id)).toEqual([{ script: 'profileActivationComplete', args: { activationResult: 'serverNotReachable', iccid: '' } }]);
    expect(world.commandTypes(id)).not.toContain('lpa.enable');
    expect(world.reports()).toMatchObject([{ outcome: 'failed', activationResult: 'serverNotReachable' }]);
  });

  it('refuses an invalid activation code with the invalidActivationCode callback and downloads nothing', async () => {
    const world = await createWorld();
    const id = operationIdOf(world.call(profileDownload(undefined, 'LPA:1$example.com$test\ntest')));
    expect(world.callbacks(id)).toEqual([{ script: 'profileActivationComplete', args: { activationResult: 'invalidActivationCode', iccid: '' } }]);
    expect(world.commandTypes(id)).toEqual(['diagnostic', 'portal.callback', 'report']);
    expect(world.reports()).toMatchObject([{ outcome: 'rejected', activationResult: 'invalidActivationCode' }]);
  });

  it('asks for the confirmation code when the code requires one and downloads with it', async () => {
    const world = await createWorld();
    const id = operationIdOf(world.call(profileDownload(undefined, `${ACTIVATION_CODE}$$1`)));
    // The prompt and its deadline (decision D39).
    expect(world.commandTypes(id)).toEqual(['ui.confirmationCode', 'scheduler.set']);
    world.host.user.confirmationCode(id, '1234');
    const download = world.commands(id).find((c) => c.type === 'lpa.download');
    expect(download).toMatchObject({ confirmationCode: '1234' });
    await world.advance(1);
    expect(world.reports()).toMatchObject([{ outcome: 'connected' }]);
  });

  it('prompts again after a wrong confirmation code and fails with confirmationCodeMaxRetriesExceeded at the SM-DP+ limit', async () => {
    const world = await createWorld();
    world.device.lpa.setOutcome('download', { requireConfirmationCode: '1234', maxRetries: 2 });
    const id = operationIdOf(world.call(profileDownload()));
    expect(world.commandTypes(id).slice(-2)).toEqual(['ui.confirmationCode', 'scheduler.set']);
    world.host.user.confirmationCode(id, '0000');
    expect(world.commandTypes(id).slice(-2)).toEqual(['ui.confirmationCode', 'scheduler.set']);
    world.host.user.confirmationCode(id, '1111');
    expect(world.reports()).toMatchObject([{ outcome: 'failed', activationResult: 'confirmationCodeMaxRetriesExceeded' }]);
  });

  it('fails with operationAborted when the user gives up at the confirmation prompt', async () => {
    const world = await createWorld();
    const id = operationIdOf(world.call(profileDownload(undefined, `${ACTIVATION_CODE}$$1`)));
    world.host.user.abort(id);
    expect(world.callbacks(id)).toEqual([{ script: 'profileActivationComplete', args: { activationResult: 'operationAborted', iccid: '' } }]);
    expect(world.commandTypes(id)).not.toContain('lpa.download');
  });

  it('returns the unfinished operation for a second hand-off of the same code and downloads once', async () => {
    const world = await createWorld();
    world.device.lpa.setOutcome('download', { slow: { durationMs: 10_000 } });
    const first = world.call(profileDownload());
    const second = world.call(profileDownload());
    expect(second).toEqual({ type: 'operation', operationId: operationIdOf(first), created: false });
    await world.advance(1);
    expect(world.commands().filter((c) => c.type === 'lpa.download')).toHaveLength(1);
    expect(world.device.euicc.profiles()).toHaveLength(1);
  });

  it('runs one LPA operation at a time: a second download waits for the first', async () => {
    const world = await createWorld();
    world.device.lpa.setOutcome('download', { slow: { durationMs: 10_000 } });
    world.call(profileDownload());
    world.call(profileDownload(undefined, '1$smdp.example.com$OTHER-CODE-2'));
    expect(world.commands().filter((c) => c.type.startsWith('lpa.'))).toHaveLength(1);
    await world.advance(1);
    const lpa = world.commands().filter((c) => c.type.startsWith('lpa.')).map((c) => `${c.type} ${'operationId' in c ? c.operationId : ''}`);
    expect(lpa).toEqual(['lpa.download op-1', 'lpa.enable op-1', 'lpa.download op-2', 'lpa.enable op-2']);
  });

  it('never shows the matching ID in a report, trace, reply or diagnostic', async () => {
    const world = await createWorld();
    world.call(profileDownload());
    world.call(profileDownload(undefined, `${ACTIVATION_CODE} `));
    await world.advance(1);
    expect(world.printable()).not.toContain(SECRET_MATCHING_ID);
  });
});
