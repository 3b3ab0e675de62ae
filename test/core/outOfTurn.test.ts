import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/core/commands';
import type { Input, PortalCall } from '../../src/core/inputs';
import { createState, type CoreState } from '../../src/core/state';
import { step } from '../../src/core/step';

/*
 * What the core answers to inputs that come out of turn or name nothing it knows, and what an
 * operation leaves behind: each reply is a value the host can log, never a crash; a finished
 * operation keeps no secret and no follower.
 */

const CODE = '1$smdp.example.com$OUT-OF-TURN-1';
const ICCID = '89012345678901234566';
const inline = (activationCode = CODE): PortalCall => ({ kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata: {}, activationCode });
const balance: PortalCall = { kind: 'balanceAddition', entryPoint: 'MobilePlans.notifyBalanceAddition', metadata: {}, iccid: ICCID };
const delayedProfile: PortalCall = { kind: 'delayedProfile', entryPoint: 'DataMart.notifyPurchaseDelayedProfile', metadata: {}, profileDownloadDelayInterval: 15 };

function start(state: CoreState, call: PortalCall): string {
  const { reply } = step(state, { type: 'portal.call', now: 0, call });
  if (reply.type !== 'operation') throw new Error(`refused: ${JSON.stringify(reply)}`);
  return reply.operationId;
}
const callbacks = (commands: readonly Command[]) => commands.filter((c) => c.type === 'portal.callback');

describe('inputs for nothing the core knows', () => {
  it('an event for an unknown operation is ignored, naming it', () => {
    const state = createState();
    for (const input of [
      { type: 'user.toastAccepted', now: 0, operationId: 'op-9' },
      { type: 'user.confirmationCode', now: 0, operationId: 'op-9', code: '1234' },
      { type: 'timer.fired', now: 0, timerId: 'op-9' },
    ] as Input[]) {
      expect(step(state, input)).toMatchObject({ reply: { type: 'ignored', reason: 'no live operation op-9' }, commands: [] });
    }
  });

  it('cancelling an unknown operation cancels nothing', () => {
    expect(step(createState(), { type: 'portal.cancel', now: 0, operationId: 'op-9' }).reply).toEqual({ type: 'cancel', cancelled: false });
  });

  it('an LPA answer for an operation that does not hold the LPA is ignored, and the waiting one stays waiting', () => {
    const state = createState();
    const first = start(state, inline());
    const second = start(state, inline('1$smdp.example.com$OUT-OF-TURN-2'));
    const { reply, commands } = step(state, { type: 'lpa.downloaded', now: 1, operationId: second, iccid: ICCID });
    expect(reply).toEqual({ type: 'ignored', reason: `the LPA is not working for ${second}` });
    expect(commands).toEqual([]);
    expect(state.lpa.active).toBe(first);
    expect(state.operations[second]?.value).toBe('downloading');
  });

  it('a registration change for an ICCID no operation follows is ignored', () => {
    expect(step(createState(), { type: 'modem.registration', now: 0, iccid: ICCID, state: 'home' }).reply).toEqual({ type: 'ignored', reason: 'no operation follows that profile now' });
  });

  it('an event the operation takes is accepted', () => {
    const state = createState();
    const id = start(state, inline());
    expect(step(state, { type: 'lpa.progress', now: 1, operationId: id, percent: 10 }).reply).toEqual({ type: 'accepted' });
    expect(step(state, { type: 'portal.closed', now: 1 }).reply).toEqual({ type: 'accepted' });
  });
});

describe('refusals the host can log', () => {
  const notices = (commands: readonly Command[]) => commands.flatMap((c) => (c.type === 'diagnostic' ? [c.notice] : []));

  it('a launch with an unusable transaction id is refused with an invalidTransactionId diagnostic', () => {
    const { reply, commands } = step(createState(), { type: 'portal.launched', now: 0, transactionId: 'x'.repeat(65) });
    expect(reply).toMatchObject({ type: 'refused' });
    expect(notices(commands)).toEqual([{ operationId: null, entryPoint: null, diagnostic: expect.objectContaining({ code: 'invalidTransactionId', field: 'transactionId', message: expect.stringContaining('the portal launch was refused: ') }) }]);
  });

  it('a cancel from a page that did not start the operation is refused with a callRefused diagnostic', () => {
    const state = createState();
    const { reply } = step(state, { type: 'portal.call', now: 0, call: { ...inline(), downloadDelay: 60 } as PortalCall, origin: 'https://portal.example' });
    const id = (reply as { operationId: string }).operationId;
    const refused = step(state, { type: 'portal.cancel', now: 1, operationId: id, origin: 'https://other.example' });
    expect(refused.reply).toEqual({ type: 'cancel', cancelled: false });
    expect(notices(refused.commands)).toEqual([{ operationId: id, entryPoint: null, diagnostic: expect.objectContaining({ code: 'callRefused', field: 'operationContext', message: expect.stringContaining('the page at "https://other.example" did not start it') }) }]);
    const unsigned = step(state, { type: 'portal.cancel', now: 1, operationId: id });
    expect(notices(unsigned.commands)[0]?.diagnostic.message).toContain('it did not come from a portal page');
    expect(step(state, { type: 'portal.cancel', now: 1, operationId: id, origin: 'https://portal.example' }).reply).toEqual({ type: 'cancel', cancelled: true });
  });

  it('a registration state the spec does not define is ignored with a diagnostic that shows it', () => {
    for (const [given, shown] of [['flying', '"flying"'], [7, 'a number']] as const) {
      const { reply, commands } = step(createState(), { type: 'modem.registration', now: 0, iccid: ICCID, state: given as never });
      expect(reply).toEqual({ type: 'ignored', reason: 'unknown registration state' });
      expect(notices(commands)[0]?.diagnostic).toMatchObject({ code: 'unknownEnumValue', message: `the modem reported the registration state ${shown}, which is not a NetworkRegistrationState; it was ignored` });
    }
  });

  it('a report is acknowledged once, and only one that waits', () => {
    const state = createState();
    step(state, { type: 'portal.call', now: 0, call: { kind: 'cancelledPurchase', entryPoint: 'MobilePlans.notifyCancelledPurchase', metadata: {} } });
    expect(step(state, { type: 'report.delivered', now: 1, operationId: 'op-1' }).reply).toEqual({ type: 'accepted' });
    expect(step(state, { type: 'report.delivered', now: 2, operationId: 'op-1' }).reply).toEqual({ type: 'ignored', reason: 'no report of op-1 waits to be delivered' });
    expect(step(state, { type: 'report.delivered', now: 2, operationId: 'op-9' }).reply).toMatchObject({ type: 'ignored' });
  });

  it('a timer that fires early is armed again for the rest of the wait; one on time is taken', () => {
    const state = createState();
    const { reply } = step(state, { type: 'portal.call', now: 0, call: { ...inline(), downloadDelay: 15 } as PortalCall });
    const id = (reply as { operationId: string }).operationId;
    const early = step(state, { type: 'timer.fired', now: 15 * 60_000 - 1, timerId: id });
    expect(early.commands).toEqual([{ type: 'scheduler.set', timerId: id, at: 15 * 60_000 }]);
    const onTime = step(state, { type: 'timer.fired', now: 15 * 60_000, timerId: id });
    expect(onTime.commands.map((c) => c.type)).toContain('ui.toast');
  });
});

describe('discovered codes', () => {
  it('an unusable code from SM-DS counts as a failed discovery and is not kept', () => {
    const state = createState();
    const id = start(state, delayedProfile);
    step(state, { type: 'timer.fired', now: 15 * 60_000, timerId: id });
    const { reply, commands } = step(state, { type: 'lpa.discovered', now: 15 * 60_000 + 1, operationId: id, activationCode: 'not a code' });
    expect(reply).toEqual({ type: 'accepted' });
    expect(state.operations[id]?.value).toBe('retryingDiscovery');
    expect(commands.map((c) => c.type)).toEqual(['scheduler.set']);
    expect(Object.keys(state.secrets.operations)).toEqual([]);
  });

  it('a code discovered for an operation that does not take it (an inline download) leaves its own code alone', () => {
    const state = createState();
    const id = start(state, inline());
    const { reply } = step(state, { type: 'lpa.discovered', now: 1, operationId: id, activationCode: '1$smds.example.com$OUT-OF-TURN-FOUND' });
    expect(reply).toMatchObject({ type: 'ignored' });
    const restarted = step(state, { type: 'restore', now: 2 });
    expect(restarted.commands.filter((c) => c.type === 'lpa.download')).toMatchObject([{ activationCode: CODE }]);
  });

  it('a code discovered for an unknown operation is not kept', () => {
    const state = createState();
    step(state, { type: 'lpa.discovered', now: 0, operationId: 'op-9', activationCode: CODE });
    expect(Object.keys(state.secrets.operations)).toEqual([]);
  });
});

describe('the portal page', () => {
  it('gets no callback once it is closed; the operation keeps it, marked undelivered', () => {
    const state = createState();
    step(state, { type: 'portal.launched', now: 0, transactionId: 'tx-1' });
    const id = start(state, inline());
    step(state, { type: 'lpa.downloaded', now: 1, operationId: id, iccid: ICCID });
    const open = step(state, { type: 'lpa.enabled', now: 2, operationId: id });
    expect(callbacks(open.commands)).toHaveLength(1);
    step(state, { type: 'portal.closed', now: 3 });
    const closed = step(state, { type: 'modem.registration', now: 4, iccid: ICCID, state: 'home' });
    expect(callbacks(closed.commands)).toEqual([]);
    const report = closed.commands.flatMap((c) => (c.type === 'report' ? [c.report] : []))[0];
    expect(report?.callbacks.map((c) => [c.script, c.delivered])).toEqual([['profileActivationComplete', true], ['registrationChanged', false]]);
  });

  it('an operation keeps its latest callbacks only, up to maxCallbackHistory', () => {
    const state = createState({ maxCallbackHistory: 2 });
    const id = start(state, inline());
    step(state, { type: 'lpa.downloaded', now: 1, operationId: id, iccid: ICCID });
    step(state, { type: 'lpa.enabled', now: 2, operationId: id });
    step(state, { type: 'modem.registration', now: 3, iccid: ICCID, state: 'searching' });
    expect(state.operations[id]?.callbacks.map((c) => c.at)).toEqual([2, 3]);
    const done = step(state, { type: 'modem.registration', now: 4, iccid: ICCID, state: 'home' });
    expect(done.commands.flatMap((c) => (c.type === 'report' ? c.report.callbacks.map((k) => k.at) : []))).toEqual([3, 4]);
  });
});

describe('what an operation leaves behind', () => {
  it('a finished download keeps no secret, no owner and no follower', () => {
    const state = createState();
    const id = start(state, inline());
    expect(Object.keys(state.secrets.operations)).toEqual([id]);
    step(state, { type: 'lpa.downloaded', now: 1, operationId: id, iccid: ICCID });
    step(state, { type: 'lpa.enabled', now: 2, operationId: id });
    expect(Object.keys(state.followers)).toEqual([ICCID]);
    step(state, { type: 'modem.registration', now: 3, iccid: ICCID, state: 'home' });
    expect({ secrets: Object.keys(state.secrets.operations), owners: Object.keys(state.secrets.owners), followers: Object.keys(state.followers) }).toEqual({ secrets: [], owners: [], followers: [] });
  });

  it('two operations on one ICCID both hear a registration change; the one still running hears the next', () => {
    const state = createState();
    const first = start(state, balance);
    const second = start(state, balance);
    for (const id of [first, second]) {
      step(state, { type: 'lpa.profile', now: 1, operationId: id, state: 'disabled' });
      step(state, { type: 'lpa.enabled', now: 2, operationId: id });
    }
    expect(state.followers[ICCID]).toEqual([first, second]);
    // The first registers on its own timer: let it time out, so that only the second still follows.
    const searching = step(state, { type: 'modem.registration', now: 3, iccid: ICCID, state: 'searching' });
    expect(callbacks(searching.commands)).toHaveLength(0); // the portal was never launched: kept, not sent
    expect([first, second].map((id) => state.operations[id]?.callbacks.filter((c) => c.script === 'registrationChanged').length)).toEqual([1, 1]);
    step(state, { type: 'timer.fired', now: state.operations[first]!.context.deadline!, timerId: first });
    expect(state.operations[first]).toBeUndefined();
    expect(state.followers[ICCID]).toEqual([second]);
    expect(step(state, { type: 'modem.registration', now: 4, iccid: ICCID, state: 'home' }).reply).toEqual({ type: 'accepted' });
    expect(state.followers).toEqual({});
  });

  it('an operation follows the ICCID it downloads, and only that one', () => {
    const state = createState();
    const id = start(state, inline());
    expect(Object.keys(state.followers)).toEqual([]);
    step(state, { type: 'lpa.downloaded', now: 1, operationId: id, iccid: ICCID });
    expect(state.followers[ICCID]).toEqual([id]);
    step(state, { type: 'lpa.progress', now: 2, operationId: id, percent: 1 });
    expect(state.followers[ICCID]).toEqual([id]);
  });
});
