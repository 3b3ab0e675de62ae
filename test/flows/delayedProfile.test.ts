import { describe, expect, it } from 'vitest';
import type { PortalCall } from '../../src/core/inputs';
import { COMPLETE_METADATA, createWorld, operationIdOf } from '../support/world';

const delayedProfile = (profileDownloadDelayInterval: number): PortalCall => ({
  kind: 'delayedProfile',
  entryPoint: 'DataMart.notifyPurchaseDelayedProfile',
  metadata: COMPLETE_METADATA,
  profileDownloadDelayInterval,
});

describe('delayed profile via SM-DS', () => {
  it('returns to the app, discovers after the rounded interval, then downloads, enables and connects', async () => {
    const world = await createWorld({ device: { lpa: { discover: { profileReady: true } } } });
    const id = operationIdOf(world.call(delayedProfile(5)));
    expect(world.commandTypes(id)).toEqual(['ui.returnToApp', 'ui.scheduled', 'scheduler.set']);
    await world.advance(14.99);
    expect(world.commandTypes(id)).not.toContain('lpa.discover');
    await world.advance(0.01);
    expect(world.commandTypes(id)).toEqual(expect.arrayContaining(['lpa.discover', 'lpa.download', 'lpa.enable']));
    await world.advance(1);
    expect(world.reports()).toMatchObject([{ flow: 'delayedProfile', outcome: 'connected' }]);
    expect(world.device.euicc.profiles()).toHaveLength(1);
  });

  it('retries discovery on a bounded schedule and fails with profileNotPresent when nothing appears', async () => {
    const world = await createWorld({ device: { lpa: { discover: 'nothing' } } });
    const id = operationIdOf(world.call(delayedProfile(15)));
    await world.advance(15 + 3 * 15);
    expect(world.commands(id).filter((c) => c.type === 'lpa.discover')).toHaveLength(4);
    expect(world.reports()).toMatchObject([{ outcome: 'failed', activationResult: 'profileNotPresent' }]);
  });

  it('finds the profile on a retry', async () => {
    const world = await createWorld({ device: { lpa: { discover: 'nothing' } } });
    world.call(delayedProfile(15));
    await world.advance(15);
    world.device.lpa.setOutcome('discover', { profileReady: true });
    await world.advance(16);
    expect(world.reports()).toMatchObject([{ outcome: 'connected' }]);
  });

  it('can be cancelled before discovery starts, and not after', async () => {
    const world = await createWorld({ device: { lpa: { discover: 'nothing' } } });
    const first = operationIdOf(world.call(delayedProfile(15)));
    expect(world.host.cancel(first)).toBe(true);
    const second = operationIdOf(world.call(delayedProfile(15)));
    await world.advance(15);
    expect(world.host.cancel(second)).toBe(false);
    expect(world.commandTypes(first)).not.toContain('lpa.discover');
    expect(world.reports()).toMatchObject([{ operationId: first, outcome: 'cancelled' }]);
  });
});
