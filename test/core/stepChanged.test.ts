import { describe, expect, it } from 'vitest';
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
