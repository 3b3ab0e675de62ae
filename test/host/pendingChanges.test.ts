import { describe, expect, it } from 'vitest';
import { createState, step } from '../../src/core/index';
import { recordOf } from '../../src/core/storedRecords';
import { PendingChanges } from '../../src/host/pendingChanges';
import { profileDownload } from '../support/world';

/* What one storage write carries: gaps mutation testing found in the replacing write, the removal list and a write given back. */

describe('PendingChanges', () => {
  it('the replacing write after a restore serializes a record a step changed again, not its loaded text', () => {
    const { state } = step(createState(), { type: 'portal.call', now: 0, operationId: 'a', call: profileDownload() });
    const changes = new PendingChanges();
    changes.restored(new Map([['a', 'the text as loaded']]));
    changes.note(new Set(['a']));
    const written = changes.take(state);
    expect(written.replace).toBe(true);
    expect(written.put.get('a')).toBe(recordOf(state, 'a'));
  });

  it('removes nothing when nothing was removed, in the replacing write and in the next one', () => {
    const { state } = step(createState(), { type: 'portal.call', now: 0, operationId: 'a', call: profileDownload() });
    const changes = new PendingChanges();
    expect(changes.take(state).remove).toEqual([]);
    changes.note(new Set(['a']));
    const next = changes.take(state);
    expect(next.replace).toBe(false);
    expect(next.remove).toEqual([]);
    expect([...next.put.keys()]).toEqual(['a']);
  });

  it('a replacing write given back makes the next write replace; an incremental one given back does not', () => {
    const state = createState();
    const changes = new PendingChanges();
    changes.giveBack(changes.take(state));
    expect(changes.take(state).replace).toBe(true);
    changes.giveBack(changes.take(state));
    expect(changes.take(state).replace).toBe(false);
  });
});
