import { describe, expect, it } from 'vitest';
import type { PortalCall } from '../../src/core/inputs';
import { COMPLETE_METADATA, createWorld, operationIdOf } from '../support/world';

const INSTALLED = '8988247000101997790';
const OTHER = '89882110000005300811';

const balance = (iccid?: unknown): PortalCall => ({
  kind: 'balanceAddition',
  entryPoint: 'MobilePlansInlineOperations.notifyBalanceAddition',
  metadata: COMPLETE_METADATA,
  ...(iccid === undefined ? {} : { iccid: iccid as never }),
});

describe('balance addition', () => {
  it('without an ICCID reports and returns to the app', async () => {
    const world = await createWorld();
    const id = operationIdOf(world.call(balance()));
    expect(world.commandTypes(id)).toEqual(['ui.returnToApp', 'report']);
    expect(world.reports()).toMatchObject([{ flow: 'balanceAddition', outcome: 'balanceAdded' }]);
  });

  it('with the ICCID of the active profile is done at once', async () => {
    const world = await createWorld({ device: { profiles: [{ iccid: INSTALLED, enabled: true }] } });
    const id = operationIdOf(world.call(balance(INSTALLED)));
    expect(world.commandTypes(id)).toEqual(['ui.returnToApp', 'lpa.queryProfile', 'report']);
    expect(world.reports()).toMatchObject([{ outcome: 'balanceAdded', iccid: INSTALLED }]);
  });

  it('with the ICCID of an inactive profile enables it and registers', async () => {
    const world = await createWorld({ device: { profiles: [{ iccid: OTHER, enabled: true }, { iccid: INSTALLED, enabled: false }] } });
    const id = operationIdOf(world.call(balance(INSTALLED)));
    await world.advance(1);
    expect(world.commandTypes(id)).toEqual(expect.arrayContaining(['lpa.queryProfile', 'lpa.enable', 'modem.register']));
    expect(world.device.euicc.enabledIccid()).toBe(INSTALLED);
    expect(world.reports()).toMatchObject([{ outcome: 'connected', iccid: INSTALLED }]);
  });

  it('with the ICCID of a profile that is not there fails with profileNotPresent', async () => {
    const world = await createWorld();
    const id = operationIdOf(world.call(balance(INSTALLED)));
    expect(world.reports()).toMatchObject([{ outcome: 'failed', activationResult: 'profileNotPresent' }]);
    expect(world.commandTypes(id)).not.toContain('lpa.enable');
  });

  it('with a malformed ICCID fails with invalidIccid and asks nothing of the eUICC', async () => {
    const world = await createWorld();
    const id = operationIdOf(world.call(balance('12345')));
    expect(world.commandTypes(id)).toEqual(['diagnostic', 'ui.returnToApp', 'report']);
    expect(world.reports()).toMatchObject([{ outcome: 'rejected', activationResult: 'invalidIccid' }]);
  });

  it("accepts the spec's own ICCID that fails Luhn, with a diagnostic", async () => {
    const world = await createWorld();
    world.call(balance('8900000000000000001'));
    expect(world.reports()[0]?.diagnostics).toMatchObject([{ code: 'iccidLuhnFailed', severity: 'warning' }]);
    expect(world.reports()).toMatchObject([{ activationResult: 'profileNotPresent' }]);
  });
});

describe('cancelled purchase', () => {
  it('reports and returns to the app, with metadata problems as diagnostics that block nothing', async () => {
    const world = await createWorld();
    const id = operationIdOf(
      world.call({
        kind: 'cancelledPurchase',
        entryPoint: 'MobilePlans.notifyCancelledPurchase',
        metadata: { userAccount: 'New', purchaseInstrument: 'New', moDirectStatus: 'ServiceError', line: 'Bailed', planName: '2GB Monthly' },
      }),
    );
    expect(world.commandTypes(id)).toEqual(['diagnostic', 'ui.returnToApp', 'report']);
    const [report] = world.reports();
    expect(report).toMatchObject({ outcome: 'purchaseCancelled', metadata: { lineType: 'Bailed', moDirectStatus: 'ServiceError' } });
    expect(report?.diagnostics).toMatchObject([{ code: 'planNameMustBeEmpty', message: expect.stringContaining('planName must be empty') }]);
  });
});
