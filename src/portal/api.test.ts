import { describe, expect, it } from 'vitest';
import type { DiagnosticNotice } from '../core/commands';
import type { PortalCall, Reply } from '../core/inputs';
import { ENUM_OBJECTS } from '../domain/enums';
import { createPortalApi, type PortalApiOptions } from './api';
import { HAND_OFF_ENTRY_POINTS, PORTAL_OBJECTS } from './entryPoints';

type Page = Record<string, any>;

/** A host stand-in that records what the bridge hands it. */
function setup(options: Partial<PortalApiOptions> = {}, reply?: (call: PortalCall) => Reply) {
  const calls: PortalCall[] = [];
  const cancels: string[] = [];
  const notices: DiagnosticNotice[] = [];
  const host = {
    call(call: PortalCall): Reply {
      calls.push(call);
      return reply?.(call) ?? { type: 'operation', operationId: `op-${calls.length}`, created: true };
    },
    cancel(id: string): boolean {
      cancels.push(id);
      return id === 'op-1';
    },
  };
  const api = createPortalApi(host, { origin: 'https://portal.example.com/buy', allowedHosts: ['portal.example.com'], onDiagnostic: (n) => notices.push(n), ...options });
  const page: Page = {};
  api.install(page);
  return { api, page, calls, cancels, notices };
}

const md = { userAccount: 'New', moDirectStatus: 'Complete', planName: 'x' };
const nextTick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('createPortalApi: install', () => {
  it('defines every portal object of every generation and every enum object on the page', () => {
    const { page } = setup();
    for (const name of [...PORTAL_OBJECTS, ...Object.keys(ENUM_OBJECTS)]) expect(page[name], name).toBeTypeOf('object');
    expect(page['MobilePlansMoDirectStatus'].cancelled).toBe('Cancelled');
    expect(page['DataMartLineType'].bailed).toBe('Bailed');
    expect(page['DataMart'].createPurchaseMetaData()).toEqual({});
    expect(page['MobilePlans'].createPurchaseMetaData()).toEqual({});
  });

  it('makes the page objects frozen so a page cannot replace an entry point by accident', () => {
    const { page } = setup();
    expect(Object.isFrozen(page['MobilePlans'])).toBe(true);
    expect(() => {
      'use strict';
      page['MobilePlans'].notifyCancelledPurchase = () => 0;
    }).toThrow(TypeError);
  });

  it('removes everything it defined on uninstall, and later calls do nothing', () => {
    const { api, page, calls, notices } = setup();
    const kept = page['MobilePlans'];
    api.uninstall();
    expect(Object.keys(Object.getOwnPropertyDescriptors(page))).toEqual([]);
    expect(kept.notifyCancelledPurchase(md)).toBeNull();
    expect(calls).toEqual([]);
    expect(notices.map((n) => n.diagnostic.message)).toEqual([expect.stringContaining('no longer installed')]);
  });

  it('refuses an allow-list entry that is not a host name', () => {
    expect(() => setup({ allowedHosts: ['https://portal.example.com/'] })).toThrow(/not a host name/);
  });
});

describe('createPortalApi: entry points', () => {
  const valid: Record<string, unknown> = {
    purchaseMetadata: md,
    activationCode: '1$smdp.example.com$M-1',
    downloadDelay: 15,
    networkRegistrationInterval: 0,
    profileDownloadDelayInterval: 30,
    iccid: '8988247000101997790',
    payload: '{"ver":"1"}',
  };
  const fieldOf: Record<string, string> = { purchaseMetadata: 'metadata' };

  for (const entry of HAND_OFF_ENTRY_POINTS) {
    const entryPoint = `${entry.object}.${entry.method}`;
    it(`${entryPoint}(${entry.params.map((p) => p.name).join(', ')}) hands the ${entry.params.length} arguments over in the spec's order`, () => {
      const { page, calls } = setup();
      const args = entry.params.map((p) => valid[p.name]);
      const context = page[entry.object][entry.method](...args);
      expect(context).toEqual({ id: 'op-1' });
      expect(calls).toHaveLength(1);
      const call = calls[0] as unknown as Record<string, unknown>;
      expect(call['entryPoint']).toBe(entryPoint);
      for (const p of entry.params) expect(call[fieldOf[p.name] ?? p.name]).toEqual(valid[p.name]);
    });
  }

  it('maps each family of entry points to its kind of call', () => {
    const { page, calls } = setup();
    page['MobilePlansInlineOperations'].notifyProfileDownload(md, 'a');
    page['DataMartInlineProfile'].notifyInlineProfileDownload(md, 'a');
    page['MobilePlans'].notifyPurchaseWithProfileDownload(md, 'a', 15);
    page['DataMart'].notifyPurchaseDelayedProfile(md, 15);
    page['MobilePlansInlineOperations'].notifyBalanceAddition(md);
    page['DataMart'].notifyCancelledPurchase(md);
    page['DataMart'].notifyPurchaseResult('{}');
    expect(calls.map((c) => c.kind)).toEqual(['profileDownload', 'profileDownload', 'purchaseWithProfileDownload', 'delayedProfile', 'balanceAddition', 'cancelledPurchase', 'purchaseResult']);
  });

  it('leaves optional arguments out and passes a missing required one as null', () => {
    const { page, calls } = setup();
    page['MobilePlansInlineOperations'].notifyProfileDownload(md, 'a');
    page['MobilePlansInlineOperations'].notifyBalanceAddition(md);
    page['MobilePlans'].notifyCancelledPurchase();
    expect(calls[0]).not.toHaveProperty('downloadDelay');
    expect(calls[1]).not.toHaveProperty('iccid');
    expect(calls[2]).toMatchObject({ metadata: null });
  });

  it('returns a fresh frozen context with an Id alias, and null when the host refuses', () => {
    const { page } = setup({}, (call) => (call.kind === 'delayedProfile' ? { type: 'refused', error: { code: 'invalidDelay', message: 'no' } } : { type: 'operation', operationId: 'op-7', created: true }));
    const a = page['MobilePlans'].notifyCancelledPurchase(md);
    const b = page['MobilePlans'].notifyCancelledPurchase(md);
    expect(a).not.toBe(b);
    expect(Object.isFrozen(a)).toBe(true);
    expect(a.Id).toBe('op-7');
    expect(Object.keys(a)).toEqual(['id']);
    expect(page['MobilePlans'].notifyPurchaseDelayedProfile(md, -1)).toBeNull();
  });

  it('works without its object as `this`', () => {
    const { page, calls } = setup();
    const { notifyBalanceAddition } = page['DataMart'];
    expect(notifyBalanceAddition(md)).toEqual({ id: 'op-1' });
    expect(calls).toHaveLength(1);
  });

  it('warns once about extra arguments and ignores them', () => {
    const { page, calls, notices } = setup();
    page['MobilePlans'].notifyCancelledPurchase(md, 'extra', 'more');
    expect(calls).toHaveLength(1);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.diagnostic).toMatchObject({ code: 'unknownField', severity: 'warning', message: expect.stringContaining('the 2 extra are ignored') });
  });

  it('refuses a call whose argument cannot be copied: one diagnostic, the host never sees it', () => {
    const { page, calls, notices } = setup();
    expect(page['MobilePlans'].notifyCancelledPurchase({ planName: () => 1 })).toBeNull();
    expect(calls).toEqual([]);
    expect(notices.map((n) => n.diagnostic)).toEqual([
      expect.objectContaining({ code: 'callRefused', field: 'purchaseMetadata.planName', message: expect.stringContaining('is a function') }),
    ]);
  });

  it('never lets a host failure escape into the page', () => {
    const { page, notices } = setup({}, () => {
      throw new Error('host bug');
    });
    expect(page['MobilePlans'].notifyCancelledPurchase(md)).toBeNull();
    expect(notices[0]?.diagnostic.message).toContain('host bug');
  });

  it('keeps working when the diagnostics sink throws', () => {
    const { page } = setup({ onDiagnostic: () => { throw new Error('sink'); } });
    expect(page['MobilePlans'].notifyCancelledPurchase(md, 'extra')).toEqual({ id: 'op-1' });
  });
});

describe('createPortalApi: notifyOperationCancel', () => {
  it('cancels by the id of the context and returns what the host answered', () => {
    const { page, cancels } = setup();
    const ops = page['MobilePlansInlineOperations'];
    expect(ops.notifyOperationCancel({ id: 'op-1' })).toBe(true);
    expect(ops.notifyOperationCancel({ Id: 'op-1' })).toBe(true);
    expect(ops.notifyOperationCancel({ id: 'op-2' })).toBe(false);
    expect(cancels).toEqual(['op-1', 'op-1', 'op-2']);
  });

  it('answers false with one diagnostic for something that is not a context', () => {
    const { page, cancels, notices } = setup();
    const ops = page['MobilePlansInlineOperations'];
    expect(ops.notifyOperationCancel('op-1')).toBe(false);
    expect(ops.notifyOperationCancel(Object.create({ id: 'op-1' }))).toBe(false);
    expect(cancels).toEqual([]);
    expect(notices.map((n) => n.diagnostic.code)).toEqual(['wrongType', 'wrongType']);
  });
});

describe('createPortalApi: origin', () => {
  it('throws MobilePlansSecurityError before reading any argument or calling the host', () => {
    let href = 'http://portal.example.com/';
    const { page, calls, notices } = setup({ origin: () => href });
    let read = false;
    const spy = { get planName() { read = true; return 'x'; } };
    expect(() => page['MobilePlans'].notifyCancelledPurchase(spy)).toThrow(expect.objectContaining({ name: 'MobilePlansSecurityError' }));
    expect(() => page['MobilePlansInlineOperations'].notifyOperationCancel({ id: 'op-1' })).toThrow(/not served over https/);
    expect(read).toBe(false);
    expect(calls).toEqual([]);
    expect(notices.every((n) => n.diagnostic.field === 'origin')).toBe(true);
    href = 'https://portal.example.com/later';
    expect(page['MobilePlans'].notifyCancelledPurchase(md)).toEqual({ id: 'op-1' });
  });

  it('fails closed when reading the page address throws', () => {
    const { page } = setup({ origin: () => { throw new Error('no location'); } });
    expect(() => page['MobilePlans'].notifyCancelledPurchase(md)).toThrow(/could not be read/);
  });
});

describe('createPortalApi: callback scripts', () => {
  it('shares one store behind the slots of every inline-operations object', () => {
    const { page } = setup();
    const fn = (): void => {};
    page['DataMartInlineProfile'].registrationChangedScript = fn;
    page['MobilePlansInlineOperations'].profileActivationCompleteScript = 'onDone';
    for (const name of ['DataMartInlineProfile', 'MobilePlansInlineOperations', 'MobilePlansInlineProfile', 'MobilePlansInlineProfileDownload']) {
      expect(page[name].registrationChangedScript).toBe(fn);
      expect(page[name].profileActivationCompleteScript).toBe('onDone');
    }
  });

  it('delivers the JSON string to a function given by name, resolved at delivery time', () => {
    const { api, page } = setup();
    const heard: string[] = [];
    page['MobilePlansInlineOperations'].profileActivationCompleteScript = 'onDone';
    page['onDone'] = (args: string) => heard.push(args);
    api.deliver('op-1', 'profileActivationComplete', '{"activationResult":"success"}');
    expect(heard).toEqual(['{"activationResult":"success"}']);
  });

  it('delivers callbacks the host emits during a portal call only after the call has returned', async () => {
    const heard: string[] = [];
    let api: ReturnType<typeof createPortalApi>;
    const host = {
      call: (): Reply => {
        api.deliver('op-1', 'profileActivationComplete', '{"activationResult":"invalidActivationCode"}');
        heard.push('host answered');
        return { type: 'operation', operationId: 'op-1', created: true };
      },
      cancel: () => false,
    };
    api = createPortalApi(host, { origin: 'https://portal.example.com/', allowedHosts: ['portal.example.com'] });
    const page: Page = { onDone: (args: string) => heard.push(args) };
    api.install(page);
    page['DataMartInlineProfile'].profileActivationCompleteScript = page['onDone'];
    page['DataMartInlineProfile'].notifyInlineProfileDownload(md, 'bad');
    heard.push('call returned');
    await Promise.resolve();
    expect(heard).toEqual(['host answered', 'call returned', '{"activationResult":"invalidActivationCode"}']);
  });

  it('reports an unresolvable script once per operation and script, never throwing into the host', () => {
    const { api, page, notices } = setup();
    page['MobilePlansInlineOperations'].registrationChangedScript = 'alert(1)';
    for (let i = 0; i < 3; i++) api.deliver('op-1', 'registrationChanged', '{}');
    api.deliver('op-2', 'registrationChanged', '{}');
    expect(notices.map((n) => [n.operationId, n.diagnostic.code, n.diagnostic.severity])).toEqual([
      ['op-1', 'invalidCallback', 'error'],
      ['op-2', 'invalidCallback', 'error'],
    ]);
  });

  it('warns, not errs, when the portal set no script at all', () => {
    const { api, notices } = setup();
    api.deliver('op-1', 'profileActivationComplete', '{}');
    expect(notices[0]?.diagnostic).toMatchObject({ code: 'invalidCallback', severity: 'warning', message: expect.stringContaining('is not set') });
  });

  it('catches what the portal function throws and reports it', () => {
    const { api, page, notices } = setup();
    page['MobilePlansInlineProfile'].profileActivationCompleteScript = () => {
      throw new TypeError('portal bug');
    };
    expect(() => api.deliver('op-1', 'profileActivationComplete', '{}')).not.toThrow();
    expect(notices[0]?.diagnostic.message).toContain('"TypeError" "portal bug"');
  });

  it('does not deliver to a page that has left the allowed origin', () => {
    let href = 'https://portal.example.com/';
    const { api, page, notices } = setup({ origin: () => href });
    const heard: string[] = [];
    page['MobilePlansInlineOperations'].profileActivationCompleteScript = (args: string) => heard.push(args);
    href = 'https://evil.test/';
    api.deliver('op-1', 'profileActivationComplete', '{"iccid":"89"}');
    expect(heard).toEqual([]);
    expect(notices[0]?.diagnostic.message).toContain('was not delivered');
  });

  it('ignores deliveries after uninstall', async () => {
    const { api, notices } = setup();
    api.uninstall();
    api.deliver('op-1', 'profileActivationComplete', '{}');
    await nextTick();
    expect(notices).toEqual([]);
  });
});
