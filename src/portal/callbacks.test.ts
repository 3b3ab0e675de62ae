import { describe, expect, it } from 'vitest';
import { resolveCallback } from './callbacks';

const SLOT = 'profileActivationCompleteScript';
const problemOf = (page: object, slot: unknown): string => {
  const resolved = resolveCallback(page, slot, SLOT);
  if (!('problem' in resolved)) throw new Error('expected a problem');
  return resolved.problem;
};

describe('resolveCallback', () => {
  it('takes a function as it is (2018 documents)', () => {
    const fn = (): void => {};
    expect(resolveCallback({}, fn, SLOT)).toEqual({ fn, thisArg: undefined });
  });

  it('looks a name up on the page global at call time (current documents)', () => {
    const page: Record<string, unknown> = {};
    expect(problemOf(page, 'onActivationComplete')).toContain('no global "onActivationComplete"');
    const fn = (): void => {};
    page['onActivationComplete'] = fn;
    expect(resolveCallback(page, 'onActivationComplete', SLOT)).toEqual({ fn, thisArg: undefined });
  });

  it('follows a dotted path and calls the function on its holder', () => {
    const handlers = { onDone(): void {} };
    const page = { portal: { handlers } };
    expect(resolveCallback(page, 'portal.handlers.onDone', SLOT)).toEqual({ fn: handlers.onDone, thisArg: handlers });
  });

  it('finds functions inherited from the page prototype chain but not from Object.prototype', () => {
    const page = Object.create({ inheritedHandler: () => 1 }) as object;
    expect('fn' in resolveCallback(page, 'inheritedHandler', SLOT)).toBe(true);
    expect(problemOf(page, 'isPrototypeOf')).toContain('never looked up');
    expect(problemOf({}, 'toLocaleString')).toContain('never looked up');
  });

  it('resolves on a namespace without a prototype', () => {
    const ns = Object.assign(Object.create(null) as Record<string, unknown>, { go: () => 1 });
    expect('fn' in resolveCallback({ ns }, 'ns.go', SLOT)).toBe(true);
  });

  it.each([
    ['alert(1)', 'not a function name'],
    ['a..b', 'not a function name'],
    ['1abc', 'not a function name'],
    [' onDone', 'not a function name'],
    ['x'.repeat(300), 'not a function name'],
    ['constructor', 'never looked up'],
    ['__proto__', 'never looked up'],
    ['toString', 'never looked up'],
    ['onDone.call', 'never looked up'],
    ['eval', 'never looked up'],
    ['setTimeout', 'never looked up'],
    ['Function', 'never looked up'],
  ])('refuses the name %j without evaluating anything', (name, problem) => {
    const page = { onDone: () => {}, alert: () => { throw new Error('must not run'); } };
    expect(problemOf(page, name)).toContain(problem);
  });

  it('refuses builtins that run text as code however they are reached', () => {
    expect(problemOf({ myEval: eval }, 'myEval')).toContain('runs text as code');
    expect(problemOf({ later: setTimeout }, 'later')).toContain('runs text as code');
    expect(problemOf({}, eval)).toContain('runs text as code');
    expect(problemOf({ ns: { run: Function } }, 'ns.run')).toContain('runs text as code');
  });

  it('explains a value that is not a function, an unset slot and a slot of the wrong type', () => {
    expect(problemOf({ notFn: 42 }, 'notFn')).toContain('is a number, not a function');
    expect(problemOf({ a: null }, 'a.b')).toContain('cannot be looked up on null');
    expect(problemOf({}, undefined)).toContain('is not set');
    expect(problemOf({}, '')).toContain('is not set');
    expect(problemOf({}, 123)).toContain('must be a function or the name of a global function');
    expect(problemOf({}, { name: 'x' })).toContain('must be a function or the name of a global function');
  });

  it('turns a throwing getter or Proxy on the way into a problem, never an exception', () => {
    const page = { get trap(): unknown { throw new Error('boom'); } };
    expect(problemOf(page, 'trap.x')).toContain('could not be resolved');
    const proxy = new Proxy({}, { getOwnPropertyDescriptor() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('trap'); } });
    expect(problemOf(proxy, 'anything')).toContain('could not be resolved');
  });
});
