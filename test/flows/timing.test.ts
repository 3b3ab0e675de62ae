import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMING, machines, machinesFor } from '../../machines/index';
import { runtimeFor } from '../../src/core/flowRunner';
import type { PortalCall } from '../../src/core/inputs';
import { ACTIVATION_CODE, COMPLETE_METADATA, createWorld, operationIdOf, profileDownload } from '../support/world';

const SECOND = 1 / 60;

const purchaseWithDownload: PortalCall = {
  kind: 'purchaseWithProfileDownload',
  entryPoint: 'MobilePlans.notifyPurchaseWithProfileDownload',
  metadata: COMPLETE_METADATA,
  activationCode: ACTIVATION_CODE,
  networkRegistrationInterval: 0,
};

describe('configured timing', () => {
  it('uses the default machines for the default timing, whatever object holds it', () => {
    expect(machinesFor(DEFAULT_TIMING)).toBe(machines);
    expect(machinesFor({ ...DEFAULT_TIMING })).toBe(machines);
  });

  it('makes the machines and the core runtime of another timing once, found again by value', () => {
    const timing = { ...DEFAULT_TIMING, registrationTimeoutMs: 60_000 };
    const made = machinesFor(timing);
    expect(made).not.toBe(machines);
    expect(machinesFor({ ...timing })).toBe(made);
    expect(runtimeFor({ ...timing })).toBe(runtimeFor(timing));
    expect(runtimeFor(timing)).not.toBe(runtimeFor(DEFAULT_TIMING));
  });

  it('times registration out after the configured timeout', async () => {
    const world = await createWorld({ config: { timing: { registrationTimeoutMs: 60_000 } }, device: { registration: 'none' } });
    world.call(profileDownload());
    await world.advance(1 + 5 * SECOND);
    expect(world.reports()).toMatchObject([{ outcome: 'notConnected' }]);
  });

  it('keeps the configured timing across a restart, with no copy in any operation', async () => {
    const world = await createWorld({ config: { timing: { registrationTimeoutMs: 60_000 } }, device: { registration: 'none' } });
    const id = operationIdOf(world.call(profileDownload()));
    await world.advance(10 * SECOND);
    expect(world.host.state().operations[id]?.context).not.toHaveProperty('timing');
    await world.restart();
    await world.advance(55 * SECOND);
    expect(world.reports()).toMatchObject([{ operationId: id, outcome: 'notConnected' }]);
  });

  it('bounds registration attempts by the configured maximum', async () => {
    const world = await createWorld({ config: { timing: { maxRegistrationAttempts: 2, registrationRetryMs: 60_000 } }, device: { registration: 'denied' } });
    const id = operationIdOf(world.call(purchaseWithDownload));
    await world.advance(2);
    expect(world.commands(id).filter((c) => c.type === 'modem.register')).toHaveLength(2);
    expect(world.reports()).toMatchObject([{ operationId: id, outcome: 'notConnected', registrationState: 'denied' }]);
  });
});
