import { describe, expect, it } from 'vitest';
import { profileDownload } from '../../test/support/world';
import { restoreDocument } from './document';
import { createState } from './state';
import { step } from './step';

/** Start `count` inline downloads at time 0: the first holds the LPA, the others queue. */
function queued(count: number) {
  let state = createState();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const result = step(state, { type: 'portal.call', now: 0, newOperationId: `op-${i + 1}`, call: profileDownload(undefined, `1$smdp.example.com$QUEUE-TEST-${i}`) });
    state = result.state;
    ids.push(`op-${i + 1}`);
  }
  return { state, ids };
}

describe('the LPA queue', () => {
  it('hands the LPA on in order through a long queue, across compactions of its head index', () => {
    const count = 300;
    let { state, ids } = queued(count);
    const started: string[] = [state.lpa.active!];
    for (let i = 0; i < count - 1; i++) {
      const result = step(state, { type: 'lpa.failed', now: 1, operationId: state.lpa.active!, error: 'serverNotReachable' });
      state = result.state;
      started.push(state.lpa.active!);
      // The array never holds more than twice what waits (plus the compaction threshold).
      expect(state.lpa.queue.length).toBeLessThanOrEqual(2 * (count - 2 - i) + 64);
    }
    expect(started).toEqual(ids);
  });

  it('restores only the commands still waiting, in order, from a document saved mid-queue', () => {
    let { state, ids } = queued(5);
    state = step(state, { type: 'lpa.failed', now: 1, operationId: ids[0]!, error: 'serverNotReachable' }).state;
    state = step(state, { type: 'lpa.failed', now: 1, operationId: ids[1]!, error: 'serverNotReachable' }).state;
    expect(state.lpa.head).toBeGreaterThan(0);
    const restored = restoreDocument(JSON.parse(JSON.stringify(state))).state;
    expect(restored.lpa.active).toBe(ids[2]);
    expect(restored.lpa.queue.slice(restored.lpa.head ?? 0).map((c) => c.operationId)).toEqual([ids[3], ids[4]]);
  });
});
