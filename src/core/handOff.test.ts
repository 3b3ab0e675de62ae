import { describe, expect, it } from 'vitest';
import type { Command } from './commands';
import type { PortalCall } from './inputs';
import { createState } from './state';
import { step } from './step';

const cancelled: PortalCall = { kind: 'cancelledPurchase', entryPoint: 'MobilePlans.notifyCancelledPurchase', metadata: { userAccount: 'New', purchaseInstrument: 'New', lineType: 'New', moDirectStatus: 'Cancelled', planName: '' } };
const delayed: PortalCall = { kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata: {}, activationCode: '1$smdp.example.com$MATCH-ABC-1', downloadDelay: 60 };

describe('the id of a new operation', () => {
  it('is the one the host drew, made unique with a suffix when a record holds it', () => {
    const state = createState();
    expect(step(state, { type: 'portal.call', now: 0, call: delayed, newOperationId: 'op-x' }).reply).toMatchObject({ operationId: 'op-x' });
    expect(step(state, { type: 'portal.call', now: 0, call: cancelled, newOperationId: 'op-x' }).reply).toMatchObject({ operationId: 'op-x-2' });
    expect(step(state, { type: 'portal.call', now: 0, call: cancelled, newOperationId: 'op-x' }).reply).toMatchObject({ operationId: 'op-x-3' });
  });

  it('skips the op-N ids records hold when nextOperationNumber lags behind them', () => {
    const state = createState();
    step(state, { type: 'portal.call', now: 0, call: delayed });
    step(state, { type: 'portal.call', now: 0, call: cancelled });
    state.nextOperationNumber = 1; // as a document saved by a buggy writer may have it
    const replies = [1, 2].map(() => step(state, { type: 'portal.call', now: 0, call: cancelled }).reply);
    expect(replies).toEqual([
      { type: 'operation', operationId: 'op-3', created: true },
      { type: 'operation', operationId: 'op-4', created: true },
    ]);
  });

  it('ignores a drawn id that is not one (too long, or a name like __proto__)', () => {
    const state = createState();
    expect(step(state, { type: 'portal.call', now: 0, call: cancelled, newOperationId: '__proto__' }).reply).toMatchObject({ operationId: 'op-1' });
    expect(step(state, { type: 'portal.call', now: 0, call: cancelled, newOperationId: 'x'.repeat(200) }).reply).toMatchObject({ operationId: 'op-2' });
  });
});

const CODE = '1$smdp.example.com$HANDOFF-TEST-1';
const ICCID = '89012345678901234566';
const inline: PortalCall = { kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata: {}, activationCode: CODE };
const legacy = (fields: Record<string, unknown>): PortalCall => ({
  kind: 'purchaseResult',
  entryPoint: 'DataMart.notifyPurchaseResult',
  payload: JSON.stringify({ ver: '1', purchaseResult: JSON.stringify(cancelled.metadata), ...fields }),
});
const reportOf = (commands: readonly Command[]) => commands.flatMap((c) => (c.type === 'report' ? [c.report] : []))[0];

describe('the id a hand-off asks for', () => {
  it('is refused when a live or a finished operation holds it, naming the field', () => {
    const state = createState();
    step(state, { type: 'portal.call', now: 0, call: delayed, operationId: 'live-1' });
    step(state, { type: 'portal.call', now: 0, call: cancelled, operationId: 'done-1' });
    for (const operationId of ['live-1', 'done-1']) {
      const { reply } = step(state, { type: 'portal.call', now: 1, call: cancelled, operationId });
      expect(reply).toMatchObject({ type: 'refused', error: { code: 'operationIdInUse', field: 'operationId', message: `operation id ${operationId} is already in use: a live or finished operation holds it; choose another` } });
    }
    expect(step(state, { type: 'portal.call', now: 1, call: cancelled, operationId: 'new-1' }).reply).toEqual({ type: 'operation', operationId: 'new-1', created: true });
  });

  it('is refused when it is not an operation id: a name like __proto__, a space, past 128 characters, not a string', () => {
    for (const operationId of ['__proto__', 'op 1', 'x'.repeat(129), 42 as unknown as string]) {
      const { reply } = step(createState(), { type: 'portal.call', now: 0, call: cancelled, operationId });
      expect(reply).toMatchObject({ type: 'refused', error: { code: 'invalidOperationId', field: 'operationId', message: expect.stringContaining('1 to 128') } });
    }
    expect(step(createState(), { type: 'portal.call', now: 0, call: cancelled, operationId: 'x'.repeat(128) }).reply).toMatchObject({ type: 'operation', created: true });
  });

  it('a drawn id is used up to 120 characters, leaving room for a suffix', () => {
    const state = createState();
    expect(step(state, { type: 'portal.call', now: 0, call: cancelled, newOperationId: 'x'.repeat(120) }).reply).toMatchObject({ operationId: 'x'.repeat(120) });
    expect(step(state, { type: 'portal.call', now: 0, call: cancelled, newOperationId: 'y'.repeat(121) }).reply).toMatchObject({ operationId: 'op-1' });
  });
});

describe('a hand-off with the code of an unfinished operation', () => {
  it('returns that operation instead of starting another, whatever id is asked for', () => {
    const state = createState();
    const first = step(state, { type: 'portal.call', now: 0, call: inline });
    const again = step(state, { type: 'portal.call', now: 1, call: inline, operationId: 'other-1' });
    expect(again.reply).toEqual({ type: 'operation', operationId: (first.reply as { operationId: string }).operationId, created: false });
    expect(again.commands).toEqual([]);
  });

  it('starts a new one once the first has finished', () => {
    const state = createState();
    const first = step(state, { type: 'portal.call', now: 0, call: inline });
    const id = (first.reply as { operationId: string }).operationId;
    step(state, { type: 'lpa.failed', now: 1, operationId: id, error: 'serverNotReachable' });
    expect(step(state, { type: 'portal.call', now: 2, call: inline }).reply).toMatchObject({ type: 'operation', created: true });
  });
});

describe('refused hand-offs', () => {
  it.each([
    ['downloadDelay', { ...inline, downloadDelay: -5 }],
    ['networkRegistrationInterval', { kind: 'purchaseWithProfileDownload', entryPoint: 'MobilePlans.notifyPurchaseWithProfileDownload', metadata: {}, activationCode: CODE, networkRegistrationInterval: 'soon' }],
    ['profileDownloadDelayInterval', { kind: 'delayedProfile', entryPoint: 'DataMart.notifyPurchaseDelayedProfile', metadata: {}, profileDownloadDelayInterval: -1 }],
  ] as const)('a bad %s is refused with a callRefused diagnostic naming it, and starts nothing', (field, call) => {
    const state = createState();
    const { reply, commands } = step(state, { type: 'portal.call', now: 0, call: call as PortalCall });
    expect(reply).toMatchObject({ type: 'refused', error: { field } });
    expect(commands).toEqual([{ type: 'diagnostic', notice: { operationId: null, entryPoint: call.entryPoint, diagnostic: expect.objectContaining({ code: 'callRefused', field }) } }]);
    expect(Object.keys(state.operations)).toEqual([]);
  });
});

describe('what a hand-off reads from its arguments', () => {
  it('a download delay of null is an inline download', () => {
    const state = createState();
    step(state, { type: 'portal.call', now: 0, call: { ...inline, downloadDelay: null } as PortalCall });
    expect(Object.values(state.operations).map((op) => op.flow)).toEqual(['inlineDownload']);
  });

  it('a balance addition with an ICCID of null is one without an ICCID', () => {
    const { commands } = step(createState(), { type: 'portal.call', now: 0, call: { kind: 'balanceAddition', entryPoint: 'MobilePlans.notifyBalanceAddition', metadata: {}, iccid: null } as PortalCall });
    expect(reportOf(commands)).toMatchObject({ outcome: 'balanceAdded', diagnostics: expect.not.arrayContaining([expect.objectContaining({ code: 'invalidIccid' })]) });
  });

  it('an invalid code or ICCID is reported as a diagnostic naming its field', () => {
    const badCode = step(createState(), { type: 'portal.call', now: 0, call: { ...inline, activationCode: 'nope' } });
    expect(reportOf(badCode.commands)?.diagnostics).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'invalidActivationCode', field: 'activationCode' })]));
    const badIccid = step(createState(), { type: 'portal.call', now: 0, call: { kind: 'balanceAddition', entryPoint: 'MobilePlans.notifyBalanceAddition', metadata: {}, iccid: '12345' } });
    expect(reportOf(badIccid.commands)).toMatchObject({ outcome: 'rejected', activationResult: 'invalidIccid', diagnostics: expect.arrayContaining([expect.objectContaining({ code: 'invalidIccid', field: 'iccid' })]) });
  });
});

describe('the legacy payload', () => {
  it('an unparsable one is reported with an invalidJson diagnostic on the payload', () => {
    const { commands } = step(createState(), { type: 'portal.call', now: 0, call: { kind: 'purchaseResult', entryPoint: 'DataMart.notifyPurchaseResult', payload: '{' } });
    expect(reportOf(commands)).toMatchObject({ outcome: 'rejected', activationResult: 'invalidJson', diagnostics: [expect.objectContaining({ code: 'invalidJson', field: 'payload' })] });
  });

  it('keeps the diagnostics of its purchase metadata in the report', () => {
    const payload = JSON.stringify({ ver: '1', purchaseResult: JSON.stringify({ userAccount: 'New' }), success: false });
    const { commands } = step(createState(), { type: 'portal.call', now: 0, call: { kind: 'purchaseResult', entryPoint: 'DataMart.notifyPurchaseResult', payload } });
    expect(reportOf(commands)?.diagnostics.length).toBeGreaterThan(0);
  });

  it('checks its transaction id only against a launch that gave one', () => {
    const { commands } = step(createState(), { type: 'portal.call', now: 0, call: legacy({ success: false, transactionId: 'tx-9' }) });
    expect(reportOf(commands)?.diagnostics.map((d) => d.code)).not.toContain('transactionIdMismatch');
    const launched = createState();
    step(launched, { type: 'portal.launched', now: 0, transactionId: 'tx-1' });
    const mismatch = step(launched, { type: 'portal.call', now: 0, call: legacy({ success: false, transactionId: 'tx-9' }) });
    expect(reportOf(mismatch.commands)?.diagnostics.map((d) => d.code)).toContain('transactionIdMismatch');
  });

  it('an unsuccessful purchase with an ICCID is a cancelled purchase, not a balance addition', () => {
    const { commands } = step(createState(), { type: 'portal.call', now: 0, call: legacy({ success: false, iccid: ICCID }) });
    expect(reportOf(commands)).toMatchObject({ outcome: 'purchaseCancelled' });
  });
});
