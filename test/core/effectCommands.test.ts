import { describe, expect, it } from 'vitest';
import { initialContext } from '../../machines/definition';
import { actionCommands, createState, entryCommands, step } from '../../src/core/index';
import { commandOf } from '../../src/core/effectCommand';
import type { OperationRecord } from '../../src/core/state';
import { profileDownload } from '../support/world';

/* Which commands a flow's actions produce, asked of the core without running an operation (decision D67). */

const context = { ...initialContext({ operationId: 'op-9', now: 0, delayMs: 900_000, iccid: '89882470000000000014' }), deadline: 900_000 };

describe('entryCommands', () => {
  it("names a state's entry commands as step hands them to a host", () => {
    expect(entryCommands('inlineDownload', 'registering', context)).toEqual([
      { type: 'ui.progress', operationId: 'op-9', stage: 'registering', percent: null },
      { type: 'modem.register', operationId: 'op-9', iccid: '89882470000000000014' },
      { type: 'scheduler.set', timerId: 'op-9', at: 900_000 },
    ]);
  });

  it('agrees with a real step into the same state', () => {
    const { state, commands } = step(createState(), { type: 'portal.call', now: 0, operationId: 'op-1', call: profileDownload() });
    const op = state.operations['op-1']!;
    const entered = commands.filter((c) => c.type !== 'diagnostic');
    expect(entryCommands(op.flow, op.value, op.context).map((c) => c.type)).toEqual(entered.map((c) => c.type));
  });

  it('ends in a report for a final state, and refuses a state the flow lacks', () => {
    expect(entryCommands('inlineDownload', 'connected', context).map((c) => (c.type === 'report' ? c.report.outcome : c.type))).toEqual(['connected']);
    expect(() => entryCommands('inlineDownload', 'nowhere', context)).toThrow(/no state nowhere/);
  });
});

describe('actionCommands', () => {
  it('skips updates, evaluates computed params, and keeps a callback made after the portal closed', () => {
    const commands = actionCommands('inlineDownload', 'failed', context, [
      { type: 'setDeadline', params: { from: 'delay' } },
      { type: 'showScheduled', params: ({ context: c }: { context: typeof context }) => ({ at: c.deadline }) },
      { type: 'returnToApp' },
      { type: 'activationComplete', params: { activationResult: 'success', iccid: null } },
    ]);
    expect(commands).toEqual([{ type: 'ui.scheduled', operationId: 'op-9', at: 900_000 }, { type: 'ui.returnToApp', operationId: 'op-9' }]);
  });

  it('refuses a name that is neither an effect nor an update with a TypeError', () => {
    expect(() => actionCommands('inlineDownload', 'received', context, [{ type: 'showToats' }])).toThrow(TypeError);
    expect(() => actionCommands('inlineDownload', 'received', context, [{ type: 'showToats' }])).toThrow('showToats is neither an effect nor an update of the flows');
  });

  it("evaluates computed params with an event of type 'restore' unless told otherwise", () => {
    const seen: string[] = [];
    const params = ({ event }: { event: { type: string } }) => {
      seen.push(event.type);
      return { at: 7 };
    };
    actionCommands('delayedDownload', 'scheduled', context, [{ type: 'showScheduled', params }]);
    actionCommands('delayedDownload', 'scheduled', context, [{ type: 'showScheduled', params }], 'timer.fired');
    expect(seen).toEqual(['restore', 'timer.fired']);
  });

  it('leaves the hand-off fields of a report empty', () => {
    const [command] = actionCommands('inlineDownload', 'failed', context, [{ type: 'report', params: { outcome: 'failed', activationResult: 'unknownError' } }]);
    expect(command).toMatchObject({ type: 'report', report: { entryPoint: '', transactionId: null, metadata: {}, diagnostics: [], callbacks: [] } });
  });
});

describe('commandOf', () => {
  it('translates without changing the operation', () => {
    const op: OperationRecord = { id: 'op-9', flow: 'inlineDownload', entryPoint: 'e', transactionId: null, createdAt: 0, metadata: {}, diagnostics: [], value: 'failed', context, callbacks: [] };
    const frozen = structuredClone(op);
    deepFreeze(frozen);
    expect(commandOf(frozen, { type: 'activationComplete', params: { activationResult: 'success', iccid: null } }, 5)).toEqual({ type: 'portal.callback', operationId: 'op-9', script: 'profileActivationComplete', args: '{"activationResult":"success","iccid":""}' });
    expect(commandOf(frozen, { type: 'report', params: { outcome: 'failed', activationResult: 'unknownError' } }, 5)).toMatchObject({ type: 'report', report: { outcome: 'failed', endedAt: 5, callbacks: [] } });
    expect(frozen).toEqual(op);
  });

  it('makes a download command with an empty placeholder for the code, and an empty ICCID for a registration change without one', () => {
    const op: OperationRecord = { id: 'op-9', flow: 'inlineDownload', entryPoint: 'e', transactionId: null, createdAt: 0, metadata: {}, diagnostics: [], value: 'downloading', context, callbacks: [] };
    expect(commandOf(op, { type: 'download' }, 5)).toEqual({ type: 'lpa.download', operationId: 'op-9', activationCode: '', confirmationCode: null });
    expect(commandOf(op, { type: 'registrationChanged', params: { state: 'deregistered', iccid: null } }, 5)).toEqual({ type: 'portal.callback', operationId: 'op-9', script: 'registrationChanged', args: '{"networkRegistrationState":"deregistered","iccid":""}' });
  });
});

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}
