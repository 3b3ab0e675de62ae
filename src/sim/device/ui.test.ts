import { describe, expect, it } from 'vitest';
import { SimulatedUi } from './ui';

describe('SimulatedUi', () => {
  it('starts with the portal shown and nothing else on screen', () => {
    expect(new SimulatedUi().view()).toEqual({ portalShown: true, toasts: [], progress: {}, scheduled: {}, confirmationPrompts: {}, returnedToAppFor: null });
  });

  it('shows a scheduled download until its toast comes up, and the toast until it is hidden', () => {
    const ui = new SimulatedUi();
    ui.scheduled('op-1', 900);
    expect(ui.view().scheduled).toEqual({ 'op-1': 900 });
    ui.toast('op-1');
    ui.toast('op-2');
    ui.toast('op-1');
    expect(ui.view()).toMatchObject({ scheduled: {}, toasts: ['op-1', 'op-2'] });
    ui.hideToast('op-1');
    expect(ui.toasts()).toEqual(['op-2']);
  });

  it('replaces progress and clears a confirmation prompt once the download goes on', () => {
    const ui = new SimulatedUi();
    ui.confirmationCode('op-1', 2);
    expect(ui.prompt('op-1')).toBe(2);
    ui.progress('op-1', 'downloading', null);
    ui.progress('op-1', 'downloading', 40);
    expect(ui.prompt('op-1')).toBeNull();
    expect(ui.view().progress).toEqual({ 'op-1': { stage: 'downloading', percent: 40 } });
  });

  it('hides the portal when the app comes back, and clears an operation when it reports', () => {
    const ui = new SimulatedUi();
    ui.progress('op-1', 'registering', null);
    ui.toast('op-1');
    ui.confirmationCode('op-1', 1);
    ui.returnToApp('op-1');
    ui.finished('op-1');
    expect(ui.view()).toEqual({ portalShown: false, toasts: [], progress: {}, scheduled: {}, confirmationPrompts: {}, returnedToAppFor: 'op-1' });
    ui.setPortalShown(true);
    expect(JSON.parse(JSON.stringify(ui))).toMatchObject({ portalShown: true });
  });
});
