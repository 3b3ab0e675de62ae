import { describe, expect, it } from 'vitest';
import { cloneState, createState, step, type CoreState, type Input } from '../../src/core/index';
import type { Command } from '../../src/core/commands';
import { dropQueued, queuedFor, requestLpa } from '../../src/core/lpaQueue';
import { recordOf } from '../../src/core/storedRecords';
import { profileDownload } from '../support/world';

/* The LPA's waiting lines are part of the state (decision D65): a copy keeps them, with their places. */

const code = (n: number) => `1$smdp.example.com$WAITING-CODE-000${n}`;

function threeDownloads(): CoreState {
  let state = createState();
  for (const [i, id] of ['a', 'b', 'c'].entries()) state = step(state, { type: 'portal.call', now: 0, operationId: id, call: profileDownload(0, code(i)) }).state;
  return state;
}

const downloads = (input: Input, state: CoreState) => step(state, input).commands.flatMap((c) => (c.type === 'lpa.download' ? [c.operationId] : []));

describe('the LPA waiting lines', () => {
  it('are in the state: a JSON copy holds each waiting command with its place', () => {
    const copy = cloneState(threeDownloads());
    expect(copy.lpa.active).toBe('a');
    expect(Object.keys(copy.lpa.waiting)).toEqual(['b', 'c']);
    expect(JSON.parse(recordOf(copy, 'c')!).queued).toEqual([{ position: 1, command: expect.objectContaining({ type: 'lpa.download', operationId: 'c' }) }]);
  });

  it('keep working in a copy: each waiting command runs in its turn and leaves its line', () => {
    const copy = cloneState(threeDownloads());
    expect(downloads({ type: 'lpa.failed', now: 2, operationId: 'a', error: 'other' }, copy)).toEqual(['b']);
    expect(Object.keys(copy.lpa.waiting)).toEqual(['c']);
    expect(JSON.parse(recordOf(copy, 'b')!).queued).toBeUndefined();
    expect(downloads({ type: 'lpa.failed', now: 3, operationId: 'b', error: 'other' }, copy)).toEqual(['c']);
    expect(copy.lpa.waiting).toEqual({});
  });
});

describe('dropQueued', () => {
  it('keeps counting places while others wait, and starts again once the line is empty', () => {
    const state = createState();
    const out: Command[] = [];
    requestLpa(state, { type: 'lpa.discover', operationId: 'x' }, out);
    requestLpa(state, { type: 'lpa.discover', operationId: 'a' }, out);
    requestLpa(state, { type: 'lpa.discover', operationId: 'b' }, out);
    dropQueued(state, 'a');
    requestLpa(state, { type: 'lpa.discover', operationId: 'c' }, out);
    expect(queuedFor(state, 'b').map((e) => e.position)).toEqual([1]);
    expect(queuedFor(state, 'c').map((e) => e.position)).toEqual([2]);
    dropQueued(state, 'b');
    dropQueued(state, 'c');
    expect(state.lpa.nextPosition).toBe(0);
  });
});
