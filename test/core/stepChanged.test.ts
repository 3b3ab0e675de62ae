import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { markChanged } from '../../src/core/changes';
import { restoreDocument } from '../../src/core/document';
import { cloneState, createState, step } from '../../src/core/index';
import { profileDownload } from '../support/world';

/* A step names the records it changed in its result; nothing about them is kept beside the state. */

describe('StepResult.changed', () => {
  it('names the operations this step changed, and only this step', () => {
    const first = step(createState(), { type: 'portal.call', now: 0, operationId: 'a', call: profileDownload() });
    expect([...first.changed]).toEqual(['a']);
    const second = step(first.state, { type: 'portal.call', now: 1, operationId: 'b', call: profileDownload(0, '1$smdp.example.com$OTHER-CODE-0042') });
    expect([...second.changed]).toEqual(['b']);
    // The LPA finishes a's download: a moves on, and b's waiting command leaves the line (its record changes).
    const third = step(second.state, { type: 'lpa.failed', now: 2, operationId: 'a', error: 'other' });
    expect([...third.changed].sort()).toEqual(['a', 'b']);
  });

  it('is the same for a copy of the state as for the state', () => {
    const { state } = step(createState(), { type: 'portal.call', now: 0, operationId: 'a', call: profileDownload() });
    const input = { type: 'user.abort', now: 1, operationId: 'a' } as const;
    expect([...step(cloneState(state), input).changed]).toEqual([...step(state, input).changed]);
  });
});

describe('StepResult.changed after a restart', () => {
  const restored = () => restoreDocument(JSON.parse(readFileSync(new URL('../fixtures/document-v2.json', import.meta.url), 'utf8'))).state;

  it('names no record when nothing held the LPA and no entry effect changed a record', () => {
    const result = step(restored(), { type: 'restore', now: Date.parse('2026-01-01T00:10:00Z') });
    expect(result.commands.length).toBeGreaterThan(0);
    expect([...result.changed]).toEqual([]);
  });

  it('leaves out an operation whose callback history the entry effects did not touch', () => {
    const state = restored();
    state.operations['op-3']!.callbacks.push({ script: 'registrationChanged', args: '{"networkRegistrationState":"home"}', at: 1, delivered: true });
    expect([...step(state, { type: 'restore', now: Date.parse('2026-01-01T00:10:00Z') }).changed]).toEqual([]);
  });

  it('names the operations that held places on the LPA, whose records held those places', () => {
    const first = step(createState(), { type: 'portal.call', now: 0, operationId: 'a', call: profileDownload() });
    const second = step(first.state, { type: 'portal.call', now: 1, operationId: 'b', call: profileDownload(0, '1$smdp.example.com$OTHER-CODE-0042') });
    expect([...step(second.state, { type: 'restore', now: 2 }).changed].sort()).toEqual(['a', 'b']);
  });
});

describe('StepResult.changed, id by id', () => {
  it('holds operation ids only, whatever commands the step made (diagnostics, cleared timers)', () => {
    const state = createState();
    const steps = [
      step(state, { type: 'portal.launched', now: 0, transactionId: 'x'.repeat(65) }),
      step(state, { type: 'portal.call', now: 0, operationId: 'op-1', call: { ...profileDownload(), metadata: {} } }),
      step(state, { type: 'lpa.downloaded', now: 1, operationId: 'op-1', iccid: '89882470000000000014' }),
      step(state, { type: 'lpa.enabled', now: 1, operationId: 'op-1' }),
      step(state, { type: 'modem.registration', now: 2, iccid: '89882470000000000014', state: 'home' }),
    ];
    const types = steps.flatMap((s) => s.commands.map((c) => c.type));
    expect(types).toContain('diagnostic');
    expect(types).toContain('scheduler.clear');
    expect(steps.map((s) => [...s.changed])).toEqual([[], ['op-1'], ['op-1'], ['op-1'], ['op-1']]);
  });

  it('is closed when the step returns: a later mark on the state does not reach it', () => {
    const state = createState();
    const { changed } = step(state, { type: 'portal.call', now: 0, operationId: 'op-1', call: profileDownload() });
    markChanged(state, 'op-2');
    expect([...changed]).toEqual(['op-1']);
  });
});

describe('the reasons step gives for ignoring an input', () => {
  it('names the operation, its state and the event it does not take', () => {
    const state = createState();
    step(state, { type: 'portal.call', now: 0, operationId: 'op-1', call: profileDownload() });
    expect(step(state, { type: 'user.toastAccepted', now: 1, operationId: 'op-1' }).reply).toEqual({ type: 'ignored', reason: 'inlineDownload op-1 in downloading does not take user.toastAccepted' });
    expect(step(state, { type: 'user.confirmationCode', now: 1, operationId: 'op-1', code: '1234' }).reply).toEqual({ type: 'ignored', reason: 'inlineDownload op-1 in downloading does not take user.confirmationCode' });
  });

  it('refuses a modem failure without an activation error', () => {
    const state = createState();
    step(state, { type: 'portal.call', now: 0, operationId: 'op-1', call: profileDownload() });
    expect(step(state, { type: 'modem.failed', now: 1, operationId: 'op-1', error: 'noSuchError' } as never).reply).toEqual({ type: 'ignored', reason: 'modem.failed needs an activation error' });
  });
});

describe('a discovered activation code that does not parse', () => {
  it('fails the discovery with invalidActivationCode, the activation result once no retry is left', () => {
    const state = createState();
    step(state, { type: 'portal.call', now: 0, operationId: 'op-1', call: { kind: 'delayedProfile', entryPoint: 'DataMart.notifyPurchaseDelayedProfile', metadata: {}, profileDownloadDelayInterval: 0 } });
    const reports: unknown[] = [];
    for (let attempt = 1; attempt <= 10 && state.operations['op-1'] !== undefined; attempt++) {
      const now = attempt * 1_000_000;
      step(state, { type: 'timer.fired', now, timerId: 'op-1' });
      const { reply, commands } = step(state, { type: 'lpa.discovered', now: now + 1, operationId: 'op-1', activationCode: 'garbage' });
      expect(reply).toEqual({ type: 'accepted' });
      for (const c of commands) if (c.type === 'report') reports.push(c.report.activationResult);
    }
    expect(reports).toEqual(['invalidActivationCode']);
  });
});
