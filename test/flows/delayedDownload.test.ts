import { describe, expect, it } from 'vitest';
import { createWorld, operationIdOf, profileDownload } from '../support/world';

const DAY = 24 * 60;

describe('delayed download', () => {
  it('rounds a 5-minute delay up to 15 and shows the toast at exactly 15 virtual minutes, not earlier', async () => {
    const world = await createWorld();
    const id = operationIdOf(world.call(profileDownload(5)));
    expect(world.commands(id)).toEqual([
      { type: 'ui.scheduled', operationId: id, at: world.device.clock.now() + 15 * 60_000 },
      { type: 'scheduler.set', timerId: id, at: world.device.clock.now() + 15 * 60_000 },
    ]);
    await world.advance(14.99);
    expect(world.device.ui.toasts()).toEqual([]);
    await world.advance(0.01);
    expect(world.minutes()).toBe(15);
    expect(world.device.ui.toasts()).toEqual([id]);
    expect(world.commandTypes(id).slice(2)).toEqual(['scheduler.clear', 'ui.toast', 'scheduler.set']);
  });

  it('downloads and connects once the user accepts the toast', async () => {
    const world = await createWorld();
    const id = operationIdOf(world.call(profileDownload(15)));
    await world.advance(15);
    world.host.user.acceptToast(id);
    await world.advance(1);
    expect(world.commandTypes(id)).toContain('lpa.download');
    expect(world.callbacks(id)[0]).toMatchObject({ script: 'profileActivationComplete', args: { activationResult: 'success' } });
    expect(world.reports()).toMatchObject([{ operationId: id, flow: 'delayedDownload', outcome: 'connected' }]);
  });

  it('cancels one minute before the deadline and never downloads', async () => {
    const world = await createWorld();
    const id = operationIdOf(world.call(profileDownload(15)));
    await world.advance(14);
    expect(world.host.cancel(id)).toBe(true);
    await world.advance(2 * DAY);
    expect(world.commandTypes(id)).not.toContain('lpa.download');
    expect(world.commandTypes(id)).not.toContain('ui.toast');
    expect(world.device.euicc.profiles()).toEqual([]);
    expect(world.reports()).toMatchObject([{ operationId: id, outcome: 'cancelled', activationResult: null }]);
  });

  it('refuses a cancel once the toast is shown and changes nothing', async () => {
    const world = await createWorld();
    const id = operationIdOf(world.call(profileDownload(15)));
    await world.advance(15);
    const before = world.commands().length;
    expect(world.host.cancel(id)).toBe(false);
    expect(world.commands().length).toBe(before);
    expect(world.host.operations()).toContainEqual({ id, flow: 'delayedDownload', state: 'toastShown', live: true });
    world.host.user.acceptToast(id);
    await world.advance(1);
    expect(world.reports()).toMatchObject([{ outcome: 'connected' }]);
  });

  it('waits for the user after a dismissed toast, then downloads when the user starts it from the app', async () => {
    const world = await createWorld();
    const id = operationIdOf(world.call(profileDownload(15)));
    await world.advance(15);
    world.host.user.dismissToast(id);
    expect(world.device.ui.toasts()).toEqual([]);
    expect(world.host.cancel(id)).toBe(false);
    await world.advance(DAY);
    world.host.user.startDownload(id);
    await world.advance(1);
    expect(world.reports()).toMatchObject([{ outcome: 'connected' }]);
  });

  it('treats a toast left alone for a day as dismissed, and expires after a week of waiting', async () => {
    const world = await createWorld();
    const id = operationIdOf(world.call(profileDownload(15)));
    await world.advance(15 + DAY);
    expect(world.host.operations()).toContainEqual({ id, flow: 'delayedDownload', state: 'awaitingUser', live: true });
    await world.advance(7 * DAY);
    expect(world.reports()).toMatchObject([{ operationId: id, outcome: 'expired' }]);
    expect(world.commandTypes(id)).not.toContain('lpa.download');
  });

  it('treats downloadDelay 0 as an inline download', async () => {
    const world = await createWorld();
    const id = operationIdOf(world.call(profileDownload(0)));
    expect(world.commandTypes(id)).toContain('lpa.download');
    await world.advance(1);
    expect(world.reports()).toMatchObject([{ flow: 'inlineDownload', outcome: 'connected' }]);
  });

  it.each([-1, 1.5, '15.0', 'soon', Number.NaN, 43_201, true])('refuses downloadDelay %s with a typed error and starts nothing', async (delay) => {
    const world = await createWorld();
    const reply = world.call({ ...profileDownload(), downloadDelay: delay as never });
    expect(reply).toMatchObject({ type: 'refused', error: { code: 'invalidDelay', field: 'downloadDelay' } });
    expect(world.host.operations()).toEqual([]);
    expect(world.commands().map((c) => c.type)).toEqual(['diagnostic']);
  });
});
