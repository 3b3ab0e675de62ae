import { describe, expect, it } from 'vitest';
import { ARGUMENT_LIMITS, PAYLOAD_LIMITS, copyArgument, propertyPath, type CopyLimits } from './copy';

const copy = (value: unknown, limits: CopyLimits = ARGUMENT_LIMITS) => copyArgument(value, 'purchaseMetadata', limits);
const refusal = (value: unknown, limits: CopyLimits = ARGUMENT_LIMITS) => {
  const result = copy(value, limits);
  if (result.ok) throw new Error('expected the copy to be refused');
  return result;
};

describe('copyArgument', () => {
  it('copies nested plain data into a new value the page can no longer change', () => {
    const original = { planName: '2GB', nested: { list: [1, 'two', true, null] } };
    const result = copy(original);
    expect(result).toEqual({ ok: true, value: original });
    original.nested.list.push(5);
    expect(result.ok && JSON.stringify(result.value)).toBe('{"planName":"2GB","nested":{"list":[1,"two",true,null]}}');
  });

  it('reads only own enumerable string keys, never inherited or hidden ones', () => {
    const value = Object.create({ inherited: 'x' }) as Record<string | symbol, unknown>;
    value['own'] = 'y';
    value[Symbol('s')] = 'z';
    Object.defineProperty(value, 'hidden', { value: 'h', enumerable: false });
    expect(copy(value)).toEqual({ ok: true, value: { own: 'y' } });
  });

  it('keeps a __proto__ key as an ordinary own property without touching any prototype', () => {
    const result = copy(JSON.parse('{"__proto__":{"polluted":true},"planName":"x"}'));
    expect(result.ok).toBe(true);
    const value = (result.ok ? result.value : null) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__', 'planName']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('leaves undefined properties out and turns undefined array items into null, as JSON does', () => {
    expect(copy({ a: undefined, b: [undefined, 1] })).toEqual({ ok: true, value: { b: [null, 1] } });
    expect(copy(undefined)).toEqual({ ok: true, value: undefined });
  });

  it('keeps numbers as they are, NaN included, so the core can name a bad delay', () => {
    const result = copy(Number.NaN);
    expect(result.ok && Number.isNaN(result.value)).toBe(true);
    expect(copy(-0)).toEqual({ ok: true, value: -0 });
  });

  it.each([
    ['a function', () => 1, 'is a function'],
    ['a symbol', Symbol('x'), 'is a symbol'],
    ['a BigInt', 10n, 'is a BigInt'],
  ])('refuses %s anywhere, naming where it is', (_name, bad, problem) => {
    expect(refusal(bad)).toMatchObject({ path: 'purchaseMetadata', problem: expect.stringContaining(problem) });
    expect(refusal({ deep: [{ x: bad }] })).toMatchObject({ path: 'purchaseMetadata.deep[0].x' });
  });

  it('refuses a value whose getter throws instead of letting the exception escape', () => {
    const value = { get planName(): string { throw new Error('boom'); } };
    expect(refusal(value)).toEqual({ ok: false, path: 'purchaseMetadata.planName', problem: 'could not be read (a getter or Proxy threw)' });
  });

  it('refuses a Proxy whose traps throw, and a revoked Proxy', () => {
    const hostile = new Proxy({}, { ownKeys() { throw new Error('trap'); }, get() { throw new Error('trap'); } });
    expect(refusal(hostile).problem).toContain('could not be read');
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(refusal(proxy).problem).toContain('could not be read');
  });

  it('copies a well-behaved Proxy as the data it shows', () => {
    expect(copy(new Proxy({ planName: 'x' }, {}))).toEqual({ ok: true, value: { planName: 'x' } });
  });

  it('refuses a cycle but copies an object shared by two properties', () => {
    const cyclic: Record<string, unknown> = { planName: 'x' };
    cyclic['self'] = cyclic;
    expect(refusal(cyclic)).toMatchObject({ path: 'purchaseMetadata.self', problem: expect.stringContaining('cycle') });
    const shared = { v: 1 };
    expect(copy({ a: shared, b: shared })).toEqual({ ok: true, value: { a: { v: 1 }, b: { v: 1 } } });
  });

  it('refuses strings and keys over the limit, and accepts the payload limit for the legacy payload', () => {
    const long = 'x'.repeat(ARGUMENT_LIMITS.maxStringLength + 1);
    expect(refusal(long).problem).toContain(`more than the ${ARGUMENT_LIMITS.maxStringLength} allowed`);
    expect(refusal({ [long]: 1 }).problem).toContain('more than');
    expect(copy(long, PAYLOAD_LIMITS).ok).toBe(true);
    expect(copy('x'.repeat(10 * 1024 * 1024), PAYLOAD_LIMITS).ok).toBe(false);
  });

  it('refuses nesting deeper than the limit and more values than the limit', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < ARGUMENT_LIMITS.maxDepth + 1; i++) deep = [deep];
    expect(refusal(deep).problem).toContain('levels deep');
    expect(refusal(new Array(1e9)).problem).toContain('more than');
    expect(refusal(Array.from({ length: 200 }, () => Array.from({ length: 100 }, () => 0))).problem).toContain('more than');
  });

  it('refuses binary data and boxed strings before listing a single key', () => {
    const started = performance.now();
    expect(refusal(new Uint8Array(1e7)).problem).toContain('binary data');
    expect(refusal({ deep: new Float64Array(1e6) })).toMatchObject({ path: 'purchaseMetadata.deep', problem: expect.stringContaining('binary data') });
    expect(refusal(new DataView(new ArrayBuffer(8))).problem).toContain('binary data');
    expect(refusal(new ArrayBuffer(1e7)).problem).toContain('ArrayBuffer');
    expect(refusal(new String('x'.repeat(1e7))).problem).toContain('String object');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses when all strings together exceed the total length', () => {
    const many = Array.from({ length: 100 }, () => 'x'.repeat(4000));
    expect(refusal(many).problem).toContain('longer than');
  });

  it('never calls toJSON, toString or valueOf', () => {
    let called = 0;
    const sneaky = Object.create({ toJSON: () => called++, toString: () => String(called++), valueOf: () => called++ }) as object;
    expect(copy({ a: sneaky })).toEqual({ ok: true, value: { a: {} } });
    expect(called).toBe(0);
  });
});

describe('propertyPath', () => {
  it('writes identifiers with a dot and anything else quoted and shortened', () => {
    expect(propertyPath('planName')).toBe('.planName');
    expect(propertyPath('odd key')).toBe('["odd key"]');
    expect(propertyPath('k'.repeat(100))).toBe(`["${'k'.repeat(40)}…"]`);
  });
});
