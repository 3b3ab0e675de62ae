import { describe, expect, it } from 'vitest';
import type { PortalCall } from '../../src/core/inputs';
import { ACTIVATION_CODE, COMPLETE_METADATA, createWorld, operationIdOf, profileDownload, type World } from '../support/world';

const HOUR = 60;

interface WaitingCase {
  readonly state: string;
  /** Reaches the state and returns the operation id. */
  readonly setup: (world: World) => Promise<string>;
}

const asyncConnectivity = (interval: number): PortalCall => ({
  kind: 'purchaseWithProfileDownload',
  entryPoint: 'MobilePlans.notifyPurchaseWithProfileDownload',
  metadata: COMPLETE_METADATA,
  activationCode: ACTIVATION_CODE,
  networkRegistrationInterval: interval,
});
const delayedProfile: PortalCall = { kind: 'delayedProfile', entryPoint: 'DataMart.notifyPurchaseDelayedProfile', metadata: COMPLETE_METADATA, profileDownloadDelayInterval: 30 };

/** Every state that waits on a deadline, reached through the real host. */
const WAITING: readonly WaitingCase[] = [
  { state: 'scheduled', setup: async (w) => { const id = operationIdOf(w.call(profileDownload(60))); await w.advance(20); return id; } },
  { state: 'toastShown', setup: async (w) => { const id = operationIdOf(w.call(profileDownload(15))); await w.advance(16); return id; } },
  { state: 'awaitingUser', setup: async (w) => { const id = operationIdOf(w.call(profileDownload(15))); await w.advance(15); w.host.user.dismissToast(id); await w.advance(HOUR); return id; } },
  { state: 'waitingToRegister', setup: async (w) => { const id = operationIdOf(w.call(asyncConnectivity(45))); await w.advance(10); return id; } },
  { state: 'registering', setup: async (w) => { w.device.modem.setDefaultRegistration('none'); const id = operationIdOf(w.call(profileDownload())); await w.advance(2); return id; } },
  { state: 'waiting', setup: async (w) => { const id = operationIdOf(w.call(delayedProfile)); await w.advance(5); return id; } },
  { state: 'retryingDiscovery', setup: async (w) => { w.device.lpa.setDefaultOutcome('discover', 'nothing'); const id = operationIdOf(w.call(delayedProfile)); await w.advance(35); return id; } },
];

function deadlineOf(world: World, id: string): number | undefined {
  return world.device.clock.pending().find((p) => p.id === id)?.at;
}

describe('a host restart', () => {
  for (const waiting of WAITING) {
    it(`in ${waiting.state} resumes at the original deadline`, async () => {
      const world = await createWorld();
      const id = await waiting.setup(world);
      expect(world.host.operations()).toContainEqual(expect.objectContaining({ id, state: waiting.state }));
      const deadline = deadlineOf(world, id);
      expect(deadline).toBeGreaterThan(world.device.clock.now());

      await world.restart();

      expect(world.host.operations()).toContainEqual(expect.objectContaining({ id, state: waiting.state, live: true }));
      expect(deadlineOf(world, id)).toBe(deadline);
      const seen = world.commands(id).length;
      world.device.clock.advanceTo(deadline! - 1);
      expect(world.commands(id).length).toBe(seen);
      world.device.clock.advanceTo(deadline!);
      expect(world.commands(id).length).toBeGreaterThan(seen);
    });
  }

  it('fires a deadline that passed while the host was down at once', async () => {
    const world = await createWorld();
    const id = operationIdOf(world.call(profileDownload(15)));
    world.host.stop();
    world.device.clock.advance(20 * 60_000);
    await world.restart();
    expect(world.device.ui.toasts()).toEqual([id]);
  });

  it('during a slow download issues it again and installs the profile once', async () => {
    const world = await createWorld();
    world.device.lpa.setOutcome('download', { slow: { durationMs: 60_000 } });
    world.call(profileDownload());
    await world.advance(0.5);
    await world.restart();
    await world.advance(2);
    expect(world.device.euicc.profiles()).toHaveLength(1);
    expect(world.reports()).toMatchObject([{ outcome: 'connected' }]);
  });

  it('at the confirmation prompt shows the prompt again', async () => {
    const world = await createWorld();
    const id = operationIdOf(world.call(profileDownload(undefined, `${ACTIVATION_CODE}$$1`)));
    world.device.ui.answered(id);
    await world.restart();
    expect(world.device.ui.prompt(id)).toBe(1);
    world.host.user.confirmationCode(id, '1234');
    await world.advance(1);
    expect(world.reports()).toMatchObject([{ outcome: 'connected' }]);
  });
});
