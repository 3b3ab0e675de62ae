import { describe, expect, it } from 'vitest';
import type { Effects } from '../../src/host/effects';
import { createHost, type ObservedStep } from '../../src/host/host';
import { createSimulatedDevice, settleMicrotasks } from '../../src/sim/device/index';
import { DeferredStorage } from '../support/deferredStorage';
import { createWorld, operationIdOf, profileDownload } from '../support/world';

/*
 * Gaps mutation testing found in the host's own surface (src/host/host.ts): after stop() an input
 * still ran, closePortal() could do nothing, cancel() could claim a cancellation that did not
 * happen, idle() could resolve before a save ended, and the observer could be skipped; no test
 * noticed. Each is behaviour a host application relies on.
 */

describe('the host after stop()', () => {
  it('ignores every input, saves nothing and runs no effect', async () => {
    const world = await createWorld();
    world.host.stop();
    const state = world.host.state();
    const stepsBefore = world.steps.length;
    expect(world.call(profileDownload())).toEqual({ type: 'ignored', reason: 'the host is stopped' });
    expect(world.host.send({ type: 'portal.launched', transactionId: 'tx-1' })).toEqual({ type: 'ignored', reason: 'the host is stopped' });
    await world.advance(60);
    expect(world.steps).toHaveLength(stepsBefore);
    expect(world.host.state()).toBe(state);
    expect(world.host.operations()).toEqual([]);
  });
});

describe('closePortal()', () => {
  it('marks the portal closed, as launch() marked it open', async () => {
    const world = await createWorld();
    expect(world.host.launch('tx-1')).toEqual({ type: 'accepted' });
    expect(world.host.state().portalOpen).toBe(true);
    world.host.closePortal();
    expect(world.host.state().portalOpen).toBe(false);
    expect(world.steps.at(-1)?.input.type).toBe('portal.closed');
  });
});

describe('cancel()', () => {
  it('is true only when an operation was cancelled', async () => {
    const world = await createWorld();
    expect(world.host.cancel('no-such-operation')).toBe(false);
    const id = operationIdOf(world.call(profileDownload(60)));
    expect(world.host.cancel(id, 'https://elsewhere.example')).toBe(false);
    expect(world.host.cancel(id)).toBe(true);
    expect(world.host.operations()).toMatchObject([{ id, live: false }]);
  });
});

describe('idle()', () => {
  it('waits for a save in flight and resolves once it ended', async () => {
    const device = createSimulatedDevice();
    const storage = new DeferredStorage();
    const effects: Effects = { ...device.effects, storage };
    const host = createHost({ effects });
    device.attach(host);
    await host.start();
    let idle = false;
    const waiting = host.idle().then(() => {
      idle = true;
    });
    await settleMicrotasks();
    expect(storage.waiting).toBeGreaterThan(0);
    expect(idle).toBe(false);
    while (storage.waiting > 0) {
      storage.complete(true);
      await settleMicrotasks();
    }
    await waiting;
    expect(idle).toBe(true);
    host.stop();
  });
});

describe('the observer', () => {
  it('sees every step with its time, commands and reply, and one that throws does not stop the host', async () => {
    const device = createSimulatedDevice();
    const seen: ObservedStep[] = [];
    const host = createHost({
      effects: device.effects,
      observe: (step) => {
        seen.push(step);
        throw new Error('observer bug');
      },
    });
    device.attach(host);
    await host.start();
    const reply = host.call(profileDownload());
    expect(reply.type).toBe('operation');
    const last = seen.find((step) => step.input.type === 'portal.call');
    expect(last?.input).toMatchObject({ type: 'portal.call', now: device.clock.now() });
    expect(last?.reply).toEqual(reply);
    expect(last?.commands.length).toBeGreaterThan(0);
    await device.clock.advanceAsync(60_000);
    expect(host.operations()).toMatchObject([{ live: false, outcome: 'connected' }]);
    host.stop();
  });
});
