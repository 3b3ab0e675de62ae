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
