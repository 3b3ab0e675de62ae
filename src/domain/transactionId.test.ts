import { describe, expect, it } from 'vitest';
import { checkTransactionId, validateTransactionId } from './transactionId';

describe('validateTransactionId', () => {
  it.each(['a', '4c1f6b2e-0d7a-4a53-9b43-1f2f1a0c9e11', 'x'.repeat(64), '{id:"1"}'])('accepts %j', (id) => {
    expect(validateTransactionId(id)).toEqual({ ok: true, value: id });
  });

  it.each<[string, unknown]>([
    ['the empty string', ''],
    ['65 characters', 'x'.repeat(65)],
    ['a space', 'abc def'],
    ['a newline', 'abc\n'],
    ['a non-ASCII character', 'abcé'],
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
  ])('refuses %s as invalidTransactionId', (_label, value) => {
    expect(validateTransactionId(value)).toMatchObject({ ok: false, error: { code: 'invalidTransactionId', field: 'transactionId' } });
  });
});

describe('checkTransactionId', () => {
  it('is silent when the ids match or none was sent back', () => {
    expect(checkTransactionId('t-1', 't-1')).toEqual([]);
    expect(checkTransactionId('t-1', undefined)).toEqual([]);
  });

  it('warns when the portal sends back another id', () => {
    expect(checkTransactionId('t-1', 't-2')).toMatchObject([{ code: 'transactionIdMismatch', severity: 'warning', field: 'transactionId' }]);
  });
});

describe('checkTransactionId mismatch message', () => {
  it('tells the portal to send back the id it received at launch', () => {
    expect(checkTransactionId('a1', 'b2').map((d) => d.message)).toEqual([
      'transactionId differs from the one the portal was launched with; send back the id received at launch',
    ]);
  });
});
