import { describe, expect, it } from 'vitest';
import type { PortalCall } from '../../src/core/inputs';
import { ACTIVATION_CODE, COMPLETE_METADATA, createWorld, operationIdOf } from '../support/world';

const purchaseWithDownload = (networkRegistrationInterval: unknown): PortalCall => ({
  kind: 'purchaseWithProfileDownload',
  entryPoint: 'MobilePlans.notifyPurchaseWithProfileDownload',
  metadata: COMPLETE_METADATA,
  activationCode: ACTIVATION_CODE,
  networkRegistrationInterval: networkRegistrationInterval as never,
});

describe('asynchronous connectivity', () => {
  it('returns to the app, downloads and enables at once, and registers at once when the interval is 0', async () => {
    const world = await createWorld();
    const id = operationIdOf(world.call(purchaseWithDownload(0)));
    expect(world.commandTypes(id)).toEqual([
      'ui.returnToApp', 'ui.progress', 'lpa.download', 'ui.progress', 'lpa.enable',
      'ui.progress', 'modem.register', 'scheduler.set',
    ]);
    await world.advance(1);
    expect(world.reports()).toMatchObject([{ flow: 'asyncConnectivity', outcome: 'connected' }]);
  });

  it('keeps callbacks for a closed portal in the report instead of calling the page', async () => {
    const world = await createWorld();
    const id = operationIdOf(world.call(purchaseWithDownload(0)));
    await world.advance(1);
    expect(world.commandTypes(id)).not.toContain('portal.callback');
    const [report] = world.reports();
    expect(report?.callbacks.map((c) => [c.script, c.delivered])).toEqual([
      ['profileActivationComplete', false],
      ['registrationChanged', false],
      ['registrationChanged', false],
    ]);
  });

  it('waits the rounded interval (20 → 30 minutes) after enabling before it registers', async () => {
    const world = await createWorld();
    const id = operationIdOf(world.call(purchaseWithDownload(20)));
    expect(world.commandTypes(id)).not.toContain('modem.register');
    await world.advance(29.99);
    expect(world.commandTypes(id)).not.toContain('modem.register');
    await world.advance(0.01);
    expect(world.commandTypes(id)).toContain('modem.register');
  });

  it('retries a denied registration on its bounded schedule, then reports notConnected', async () => {
    const world = await createWorld({ device: { registration: 'denied' } });
    const id = operationIdOf(world.call(purchaseWithDownload(0)));
    await world.advance(3 * 15 + 1);
    expect(world.commands(id).filter((c) => c.type === 'modem.register')).toHaveLength(4);
    expect(world.reports()).toMatchObject([{ outcome: 'notConnected', registrationState: 'denied' }]);
  });

  it('connects on a later attempt once the operator has provisioned the line', async () => {
    const world = await createWorld({ device: { registration: 'denied' } });
    operationIdOf(world.call(purchaseWithDownload(0)));
    await world.advance(1);
    world.device.modem.setDefaultRegistration('home');
    await world.advance(15);
    expect(world.reports()).toMatchObject([{ outcome: 'connected', registrationState: 'home' }]);
  });

  it('accepts the interval as an integer string', async () => {
    const world = await createWorld();
    expect(world.call(purchaseWithDownload('15'))).toMatchObject({ type: 'operation', created: true });
  });
});
