import { describe, expect, it } from 'vitest';
import { createState, step } from '../../src/core/index';
import { profileDownload } from '../support/world';

/* What moving an operation's flow hands out beside its flow's own commands (src/core/operation.ts). */

describe('a downloaded profile other than the payload named', () => {
  it('hands a host the iccidMismatch diagnostic as a command naming the operation', () => {
    const started = step(createState(), { type: 'portal.call', now: 0, operationId: 'op-1', call: profileDownload() }).state;
    (started.operations['op-1'] as { payloadIccid?: string }).payloadIccid = '89882470000000000999';
    const { commands } = step(started, { type: 'lpa.downloaded', now: 1, operationId: 'op-1', iccid: '89882470000000000014' });
    const notices = commands.filter((c) => c.type === 'diagnostic');
    expect(notices).toMatchObject([{ type: 'diagnostic', notice: { operationId: 'op-1', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', diagnostic: { code: 'iccidMismatch', field: 'iccid', severity: 'warning' } } }]);
  });
});

describe('a finished operation', () => {
  it('gives up the owner entry of its code only when it is the owner', () => {
    let state = step(createState(), { type: 'portal.call', now: 0, operationId: 'op-1', call: profileDownload(undefined, '1$smdp.example.com$OWNED-BY-ONE') }).state;
    state = step(state, { type: 'portal.call', now: 0, operationId: 'op-2', call: profileDownload(undefined, '1$smdp.example.com$OWNED-BY-TWO') }).state;
    // A damaged document can give op-1 the code op-2 owns; op-1 ending must leave op-2 its entry.
    (state.secrets.operations['op-1'] as { activationCode?: string }).activationCode = '1$smdp.example.com$OWNED-BY-TWO';
    state = step(state, { type: 'lpa.failed', now: 1, operationId: 'op-1', error: 'unknownError' }).state;
    expect(state.operations['op-1']).toBeUndefined();
    expect({ ...state.secrets.owners }).toEqual({ '1$smdp.example.com$OWNED-BY-ONE': 'op-1', '1$smdp.example.com$OWNED-BY-TWO': 'op-2' });
  });

  it('gives up the owner entry of its code when it is the owner', () => {
    let state = step(createState(), { type: 'portal.call', now: 0, operationId: 'op-1', call: profileDownload(undefined, '1$smdp.example.com$OWNED-BY-ONE') }).state;
    state = step(state, { type: 'lpa.failed', now: 1, operationId: 'op-1', error: 'unknownError' }).state;
    expect({ ...state.secrets.owners }).toEqual({});
  });
});

describe('an operation whose ICCID stays the same', () => {
  it('keeps its place among the ICCID\'s followers', () => {
    const state = step(createState(), { type: 'portal.call', now: 0, operationId: 'op-1', call: profileDownload() }).state;
    const op = state.operations['op-1'] as { context: { iccid: string | null } };
    op.context = { ...op.context, iccid: '89882470000000000014' };
    state.followers['89882470000000000014'] = ['op-1', 'op-0'];
    const next = step(state, { type: 'lpa.progress', now: 1, operationId: 'op-1', percent: 10 }).state;
    expect(next.followers['89882470000000000014']).toEqual(['op-1', 'op-0']);
  });
});
