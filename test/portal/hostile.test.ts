import { describe, expect, it } from 'vitest';
import { HAND_OFF_ENTRY_POINTS, type Parameter } from '../../src/portal/entryPoints';
import { DORMANT_ICCID, openPortalPage, type PortalPage } from './page';

/*
 * Every entry point × every kind of bad argument, one argument at a time, all others valid.
 * "Exactly one diagnostic" means: from the call until the simulated world has run every
 * operation to its end, the bridge and the host together emit exactly one diagnostic notice,
 * the one about the bad argument (the same call with valid arguments emits none).
 */

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);
const throwing = (): never => {
  throw new Error('hostile');
};
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
/** Metadata is read key by key, so an object kind keeps the valid fields; elsewhere it is a bare object. */
const base = (valid: unknown, param: Parameter): Record<string, unknown> => (param.name === 'purchaseMetadata' && isObject(valid) ? { ...valid } : {});
const withKey = (key: string, value: unknown) => (valid: unknown, param: Parameter) => {
  const object = base(valid, param);
  Object.defineProperty(object, key, { value, enumerable: true, configurable: true, writable: true });
  return object;
};

/** A kind of bad argument: how to make it from the valid value, and where it is not bad at all. */
interface BadKind {
  readonly name: string;
  readonly make: (valid: unknown, param: Parameter) => unknown;
  /** Optional parameters take undefined and null as "not given". */
  readonly onlyRequired?: boolean;
}

const BAD_KINDS: readonly BadKind[] = [
  { name: 'missing (undefined)', make: () => undefined, onlyRequired: true },
  { name: 'null', make: () => null, onlyRequired: true },
  { name: 'a boolean', make: () => true },
  { name: 'a negative number', make: () => -1 },
  { name: 'NaN', make: () => Number.NaN },
  { name: 'an array', make: () => [] },
  { name: 'a function', make: () => () => 'x' },
  { name: 'a symbol', make: () => Symbol('hostile') },
  { name: 'a BigInt', make: () => 10n },
  { name: 'a 10 MB string', make: () => TEN_MB },
  {
    name: 'an object whose getter throws',
    make: (valid, param) => Object.defineProperty(base(valid, param), 'trap', { get: throwing, enumerable: true }),
  },
  {
    name: 'a Proxy whose every trap throws',
    make: () => new Proxy({}, { get: throwing, ownKeys: throwing, getOwnPropertyDescriptor: throwing, getPrototypeOf: throwing, has: throwing }),
  },
  {
    name: 'a revoked Proxy',
    make: () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    },
  },
  {
    name: 'a cyclic object',
    make: (valid, param) => {
      const object = base(valid, param);
      object['self'] = object;
      return object;
    },
  },
  { name: 'an own __proto__ key', make: withKey('__proto__', { polluted: true }) },
  { name: 'a constructor key', make: withKey('constructor', { prototype: { polluted: true } }) },
  {
    name: 'an object with throwing toJSON, toString and valueOf',
    make: (valid, param) => Object.assign(base(valid, param), { toJSON: throwing, toString: throwing, valueOf: throwing }),
  },
];

let codes = 0;
/** A valid value for each parameter (activation codes unique, so no call joins another). */
function validArgument(name: string): unknown {
  codes += 1;
  const metadata = { userAccount: 'New', purchaseInstrument: 'New', lineType: 'New', moDirectStatus: 'Complete', planName: 'Hostile Plan' };
  switch (name) {
    case 'purchaseMetadata':
      return metadata;
    case 'activationCode':
      return `1$smdp.example.com$HOSTILE-${codes}`;
    case 'downloadDelay':
    case 'networkRegistrationInterval':
    case 'profileDownloadDelayInterval':
      return 15;
    case 'iccid':
      return DORMANT_ICCID;
    case 'payload':
      return JSON.stringify({ ver: '1', success: true, purchaseResult: JSON.stringify(metadata), transactionId: 'txn-42', activationCode: `1$smdp.example.com$LEGACY-${codes}`, iccid: '' });
    default:
      throw new Error(`no valid value for ${name}`);
  }
}

/** A page whose callback slots are set, so that only bad arguments can cause diagnostics. */
function hostilePage(): PortalPage {
  const page = openPortalPage({ transactionId: 'txn-42' });
  page.run('MobilePlansInlineOperations.registrationChangedScript = function (args) {}; MobilePlansInlineOperations.profileActivationCompleteScript = function (args) {};');
  return page;
}

/** Call a page method from outside the page, recording anything thrown. */
function callPage(page: PortalPage, object: string, method: string, args: readonly unknown[]): { result?: unknown; thrown?: unknown } {
  try {
    return { result: (page.context[object] as Record<string, (...a: unknown[]) => unknown>)[method]!(...args) };
  } catch (thrown) {
    return { thrown };
  }
}

/** Run the simulated world until no operation is live: accept every toast, let time pass. */
async function runToTheEnd(page: PortalPage): Promise<void> {
  await page.settle();
  for (let round = 0; round < 20 && page.sim.operations().some((op) => op.live); round++) {
    for (const id of page.sim.device.ui.toasts()) page.sim.acceptToast(id);
    await page.sim.advance(30);
  }
  await page.settle();
}

/** Nothing half-started: every operation ended with its one report, a rejection with its error callback. */
function expectNothingHalfStarted(page: PortalPage): void {
  const operations = page.sim.operations();
  expect(operations.filter((op) => op.live)).toEqual([]);
  const reports = page.sim.reports();
  expect(reports.map((r) => r.operationId).sort()).toEqual(operations.map((op) => op.id).sort());
  for (const report of reports.filter((r) => r.outcome === 'rejected')) {
    const activation = report.callbacks.filter((c) => c.script === 'profileActivationComplete').map((c) => JSON.parse(c.args).activationResult);
    expect(activation).toEqual([report.activationResult]);
  }
}

function expectNoPollution(page: PortalPage): void {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(page.run('({}).polluted')).toBeUndefined();
}

describe('hostile arguments never hurt the page or the host', () => {
  // A misspelt alias takes the same arguments to the same call as its documented entry point, plus its own warning.
  for (const entry of HAND_OFF_ENTRY_POINTS.filter((e) => e.documentedAs === undefined)) {
    const entryPoint = `${entry.object}.${entry.method}`;
    describe(entryPoint, () => {
      it('with valid arguments starts one operation that runs to its end with no diagnostic (the control)', async () => {
        const page = hostilePage();
        const { result, thrown } = callPage(page, entry.object, entry.method, entry.params.map((p) => validArgument(p.name)));
        await runToTheEnd(page);
        expect(thrown).toBeUndefined();
        expect(result).toEqual({ id: 'op-1' });
        expect(page.notices).toEqual([]);
        expect(page.sim.reports()).toHaveLength(1);
      });

      it('with an extra argument warns once and ignores it', async () => {
        const page = hostilePage();
        const { thrown } = callPage(page, entry.object, entry.method, [...entry.params.map((p) => validArgument(p.name)), 'extra']);
        await runToTheEnd(page);
        expect(thrown).toBeUndefined();
        expect(page.notices.map((n) => n.diagnostic.code)).toEqual(['unknownField']);
        expect(page.sim.reports()).toHaveLength(1);
      });

      for (const [index, param] of entry.params.entries()) {
        const kinds = BAD_KINDS.filter((kind) => !(kind.onlyRequired === true && param.optional));
        it.each(kinds.map((kind) => [kind.name, kind] as const))(`with ${param.name} = %s: no exception, one diagnostic, nothing half-started`, async (_name, kind) => {
          const page = hostilePage();
          const args = entry.params.map((p) => validArgument(p.name));
          args[index] = kind.make(args[index], param);
          const { thrown } = callPage(page, entry.object, entry.method, args);
          await runToTheEnd(page);

          expect(thrown).toBeUndefined();
          expect(page.notices).toHaveLength(1);
          if (page.notices[0]?.diagnostic.code === 'callRefused') expect(page.sim.operations()).toEqual([]);
          expectNothingHalfStarted(page);
          expectNoPollution(page);
        });
      }
    });
  }

  describe('MobilePlansInlineOperations.notifyOperationCancel', () => {
    const cancelKinds = BAD_KINDS.map((kind) => [kind.name, kind] as const);
    const contextParam: Parameter = { name: 'operationContext', optional: false, limits: HAND_OFF_ENTRY_POINTS[0]!.params[0]!.limits };

    it.each(cancelKinds)('with operationContext = %s: answers false with one diagnostic and cancels nothing', async (_name, kind) => {
      const page = hostilePage();
      page.run("var op = MobilePlansInlineOperations.notifyProfileDownload(MobilePlans.createPurchaseMetaData(), '1$smdp.example.com$KEEP', 15);");
      page.notices.length = 0; // the empty metadata's own diagnostics are not this test's business
      const { result, thrown } = callPage(page, 'MobilePlansInlineOperations', 'notifyOperationCancel', [kind.make({ id: 'op-1' }, contextParam)]);
      expect(thrown).toBeUndefined();
      expect(result).toBe(false);
      expect(page.notices).toHaveLength(1);
      expect(page.sim.operations()).toEqual([expect.objectContaining({ id: 'op-1', state: 'scheduled', live: true })]);
      expectNoPollution(page);
    });

    it('with an extra argument warns once and still cancels', () => {
      const page = hostilePage();
      const op = page.run("MobilePlansInlineOperations.notifyProfileDownload(MobilePlans.createPurchaseMetaData(), '1$smdp.example.com$KEEP', 15)");
      page.notices.length = 0;
      expect(callPage(page, 'MobilePlansInlineOperations', 'notifyOperationCancel', [op, 'extra']).result).toBe(true);
      expect(page.notices.map((n) => n.diagnostic.code)).toEqual(['unknownField']);
    });
  });
});

describe('hostile callback scripts never run code and never throw into the host', () => {
  const SCRIPTS: ReadonlyArray<readonly [string, string]> = [
    ['a call expression', "'alert(1)'"],
    ['constructor', "'constructor'"],
    ['__proto__', "'__proto__'"],
    ['toString', "'toString'"],
    ['a path through Function.prototype', "'whenDone.call'"],
    ['eval by name', "'eval'"],
    ['eval by reference', 'eval'],
    ['an undefined name', "'nobodyDefinedThis'"],
    ['a name of something that is not a function', "'notAFunction'"],
    ['a number', '42'],
    ['an object', '({ name: "whenDone" })'],
    ['a function that throws', 'function () { throw new Error("portal bug"); }'],
  ];

  it.each(SCRIPTS)('a profileActivationCompleteScript that is %s gives one invalidCallback diagnostic per operation', async (_name, script) => {
    const page = hostilePage();
    page.run(`var ran = false; var notAFunction = 1; function whenDone() { ran = true; } function alert() { ran = true; }
      MobilePlansInlineOperations.profileActivationCompleteScript = ${script};
      MobilePlansInlineOperations.notifyProfileDownload(MobilePlans.createPurchaseMetaData(), 'not a code');
      MobilePlansInlineOperations.notifyProfileDownload(MobilePlans.createPurchaseMetaData(), 'not a code either');`);
    await runToTheEnd(page);
    const callbackNotices = page.notices.filter((n) => n.diagnostic.code === 'invalidCallback');
    expect(callbackNotices.map((n) => n.operationId)).toEqual(['op-1', 'op-2']);
    expect(page.run('ran')).toBe(false);
    expectNothingHalfStarted(page);
  });
});

describe('origins (decision D7)', () => {
  const refused = ['http://portal.example.com/', 'https://portal.example.com.evil.test/', 'https://portal.example.com@evil.test/'];

  it.each(refused)('a page at %s gets MobilePlansSecurityError and starts nothing', (origin) => {
    const page = openPortalPage({ origin });
    page.run("try { MobilePlans.notifyCancelledPurchase(MobilePlans.createPurchaseMetaData()); } catch (e) { var caught = e; }");
    expect(page.run('caught.name')).toBe('MobilePlansSecurityError');
    expect(page.sim.operations()).toEqual([]);
    expect(() => page.run("MobilePlansInlineOperations.notifyOperationCancel({ id: 'op-1' })")).toThrow(expect.objectContaining({ name: 'MobilePlansSecurityError' }));
  });

  it('a page at https://portal.example.com/any/path?x=1 is accepted', () => {
    const page = openPortalPage({ origin: 'https://portal.example.com/any/path?x=1' });
    expect(page.run('MobilePlans.notifyCancelledPurchase(MobilePlans.createPurchaseMetaData())')).toEqual({ id: 'op-1' });
  });

  it('the wildcard *.example.com accepts https://a.example.com but not https://example.com.evil.test', () => {
    const call = 'MobilePlans.notifyCancelledPurchase(MobilePlans.createPurchaseMetaData())';
    expect(openPortalPage({ origin: 'https://a.example.com/', allowedHosts: ['*.example.com'] }).run(call)).toEqual({ id: 'op-1' });
    const evil = openPortalPage({ origin: 'https://example.com.evil.test/', allowedHosts: ['*.example.com'] });
    expect(() => evil.run(call)).toThrow(expect.objectContaining({ name: 'MobilePlansSecurityError' }));
    expect(evil.sim.operations()).toEqual([]);
  });
});
