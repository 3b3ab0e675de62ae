import { describe, expect, it } from 'vitest';
import { diagnostic, quote } from './diagnostics';
import { domainError, err, ok, type Result } from './result';

describe('result', () => {
  it('wraps a value as ok and an error as not ok', () => {
    const good: Result<number> = ok(3);
    const bad: Result<number> = err(domainError('invalidDelay', 'no'));
    expect(good).toEqual({ ok: true, value: 3 });
    expect(bad).toEqual({ ok: false, error: { code: 'invalidDelay', message: 'no' } });
  });

  it('leaves optional error parts out instead of setting them to undefined', () => {
    expect(Object.keys(domainError('invalidEid', 'm'))).toEqual(['code', 'message']);
    expect(domainError('invalidIccid', 'm', { field: 'iccid', activationError: 'invalidIccid' })).toEqual({
      code: 'invalidIccid',
      message: 'm',
      field: 'iccid',
      activationError: 'invalidIccid',
    });
  });
});

describe('diagnostic', () => {
  it('defaults to an error without a field', () => {
    expect(diagnostic('wrongType', 'm')).toEqual({ code: 'wrongType', severity: 'error', message: 'm' });
    expect('field' in diagnostic('wrongType', 'm')).toBe(false);
  });

  it('keeps the field and severity it is given', () => {
    expect(diagnostic('unknownField', 'm', 'x', 'warning')).toEqual({
      code: 'unknownField',
      severity: 'warning',
      field: 'x',
      message: 'm',
    });
  });

  it('quotes long text shortened, so a huge value cannot bloat a message', () => {
    expect(quote('abc')).toBe('"abc"');
    expect(quote('x'.repeat(10_000)).length).toBeLessThan(50);
  });
});
