import { describe, expect, it } from 'vitest';
import { profileDownload } from '../../test/support/world';
import type { Command, LpaCommand } from './commands';
import { restoreDocument } from './document';
import { dropQueued, pumpLpa, queuedCommands, releaseLpa, requestLpa } from './lpaQueue';
import { cloneState, createState } from './state';
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

describe('the LPA queue through the core', () => {
  it('keeps the LPA with the operation that holds it when another operation finishes', () => {
    let { state, ids } = queued(2);
    const cancelledPurchase = { kind: 'cancelledPurchase', entryPoint: 'MobilePlans.notifyCancelledPurchase', metadata: {} } as const;
    const result = step(state, { type: 'portal.call', now: 1, call: cancelledPurchase });
    state = result.state;
    expect(result.reply).toMatchObject({ type: 'operation', created: true });
    expect(state.lpa.active).toBe(ids[0]);
    expect(result.commands.filter((c) => c.type.startsWith('lpa.'))).toEqual([]);
  });

  it('sends an lpa.enable with its ICCID only: the download secrets stay with lpa.download', () => {
    const { state, ids } = queued(1);
    const result = step(state, { type: 'lpa.downloaded', now: 1, operationId: ids[0]!, iccid: '89012345678901234566' });
    expect(result.commands.filter((c) => c.type === 'lpa.enable')).toEqual([{ type: 'lpa.enable', operationId: ids[0], iccid: '89012345678901234566' }]);
  });

  it('empties the saved queue once every waiting command has run', () => {
    let { state, ids } = queued(3);
    for (const id of ids) state = step(state, { type: 'lpa.failed', now: 1, operationId: id, error: 'serverNotReachable' }).state;
    expect(state.lpa).toMatchObject({ active: null, queue: [], head: 0 });
  });

  it('re-issues after a restart the holder first, then those that waited, then the others', () => {
    let { state, ids } = queued(4);
    const [a, b, c, d] = ids as [string, string, string, string];
    // a, then b, download and enable and go on to register: c holds the LPA, d waits.
    for (const [id, iccid] of [[a, '89012345678901234561'], [b, '89012345678901234562']] as const) {
      state = step(state, { type: 'lpa.downloaded', now: 1, operationId: id, iccid }).state;
      state = step(state, { type: 'lpa.enabled', now: 2, operationId: id }).state;
    }
    expect(state.lpa.active).toBe(c);
    const restarted = step(state, { type: 'restore', now: 3 });
    const order = [...new Set(restarted.commands.map((command) => ('operationId' in command ? command.operationId : 'timerId' in command ? command.timerId : null)))];
    expect(order).toEqual([c, d, a, b]);
    expect(restarted.commands.filter((command) => command.type.startsWith('lpa.')).map((command) => command.type)).toEqual(['lpa.download']);
    expect(queuedCommands(restarted.state).map((command) => [command.type, command.operationId])).toEqual([['lpa.download', d]]);
  });
});

/** A command for `operationId` as the core queues it (no secrets). */
const enable = (operationId: string): LpaCommand => ({ type: 'lpa.enable', operationId, iccid: '89012345678901234566' });

/*
 * No flow today ends while one of its LPA commands waits (each waits in a state that only an LPA
 * answer leaves), so dropQueued is checked on the queue itself: a flow that may end early must not
 * leave a command that would later run for an operation that is gone.
 */
describe('dropping the waiting commands of a finished operation', () => {
  it('forgets every waiting command of that operation, keeps the others in order, and keeps the LPA with its holder', () => {
    const state = createState();
    const out: Command[] = [];
    for (const id of ['a', 'b', 'c', 'b', 'd']) requestLpa(state, enable(id), out);
    expect(out.map((c) => c.type === 'lpa.enable' && c.operationId)).toEqual(['a']);
    dropQueued(state, 'b');
    expect(state.lpa.active).toBe('a');
    expect(queuedCommands(state).map((c) => c.operationId)).toEqual(['c', 'd']);
  });

  it('frees the LPA when the finished operation held it, so the next one starts', () => {
    const state = createState();
    const out: Command[] = [];
    for (const id of ['a', 'b']) requestLpa(state, enable(id), out);
    dropQueued(state, 'a');
    expect(state.lpa.active).toBeNull();
    pumpLpa(state, out);
    expect(out.map((c) => c.type === 'lpa.enable' && c.operationId)).toEqual(['a', 'b']);
  });

  it('still finds an operation that waited and ran once before, after some commands left the queue', () => {
    const state = createState();
    const out: Command[] = [];
    for (const id of ['a', 'b', 'c', 'b']) requestLpa(state, enable(id), out);
    releaseLpa(state, 'a');
    pumpLpa(state, out); // b's first command leaves the queue and runs
    releaseLpa(state, 'b');
    pumpLpa(state, out); // then c's
    dropQueued(state, 'b');
    expect(queuedCommands(state)).toEqual([]);
    pumpLpa(state, out);
    expect(out.map((c) => c.type === 'lpa.enable' && c.operationId)).toEqual(['a', 'b', 'c']);
  });

  it('finds the waiting commands in a queue loaded from a saved document', () => {
    const live = createState();
    for (const id of ['a', 'b', 'c', 'b', 'd']) requestLpa(live, enable(id), []);
    releaseLpa(live, 'a');
    pumpLpa(live, []); // b runs; the document's head now skips its command
    const loaded = cloneState(live);
    dropQueued(loaded, 'b');
    expect(loaded.lpa.active).toBeNull();
    expect(queuedCommands(loaded).map((c) => c.operationId)).toEqual(['c', 'd']);
    dropQueued(loaded, 'c');
    expect(queuedCommands(loaded).map((c) => c.operationId)).toEqual(['d']);
  });
});
