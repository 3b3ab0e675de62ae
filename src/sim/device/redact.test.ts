import { describe, expect, it } from 'vitest';
import { codeKey, matchingIdOf, Redactor, redactText } from './redact';

describe('redaction', () => {
  it('masks every activation code inside a text, with or without the LPA: prefix', () => {
    expect(redactText('got 1$smdp.example.com$MATCH-1 and LPA:1$a.example.com$X-2$1.3.6.1$1 ok')).toBe(
      'got 1$smdp.example.com$*** and 1$a.example.com$***$1.3.6.1$1 ok',
    );
    expect(redactText('no code here: op-1 at 1767225600000')).toBe('no code here: op-1 at 1767225600000');
  });

  it('masks a malformed code entirely', () => {
    expect(redactText('1$$SECRET-VALUE')).not.toContain('SECRET-VALUE');
  });

  it('masks secrets it was told about wherever they are, in texts, keys and nested values', () => {
    const redactor = new Redactor();
    redactor.keepCode('1$smdp.example.com$MATCH-77');
    redactor.keep('ab'); // too short to hunt for: ignored
    const out = redactor.value({ note: 'id MATCH-77 alone', list: ['MATCH-77', 3, null, true], 'MATCH-77': 'key', fn: () => 1, ab: 'ab' });
    expect(out).toEqual({ note: 'id *** alone', list: ['***', 3, null, true], '***': 'key', ab: 'ab' });
  });

  it('masks a secret inside another, overlapping secrets, and repeats, with one mask per run', () => {
    const redactor = new Redactor();
    for (const secret of ['ABCDEF-123', 'DEF-123456', 'XYZ-7890', 'XYZ-7890-LONGER']) redactor.keep(secret);
    expect(redactor.text('a ABCDEF-123456 b XYZ-7890-LONGER c XYZ-7890 XYZ-7890')).toBe('a *** b *** c *** ***');
    expect(redactor.text('nothing secret here')).toBe('nothing secret here');
  });

  it('masks each of 20,000 secrets it was told about', () => {
    const redactor = new Redactor();
    const secrets = Array.from({ length: 20_000 }, (_, i) => `MATCH-${i.toString(36).padStart(4 + (i % 7), '0')}`);
    for (const secret of secrets) redactor.keep(secret);
    for (const secret of [secrets[0]!, secrets[9_999]!, secrets[19_999]!]) expect(redactor.text(`id ${secret} done`)).toBe('id *** done');
  });

  it('costs a text the same with 20 or 20,000 secrets known (the simulator used to be quadratic)', () => {
    const timeOf = (known: number): number => {
      const redactor = new Redactor();
      for (let i = 0; i < known; i++) redactor.keep(`MATCH-${String(i).padStart(8, '0')}`);
      const line = 'command op-123 lpa.download 1$smdp.example.com$*** with MATCH-00000007 and more words around it';
      const runs: number[] = [];
      for (let round = 0; round < 5; round++) {
        const started = performance.now();
        for (let i = 0; i < 2_000; i++) redactor.text(line);
        runs.push(performance.now() - started);
      }
      return runs.sort((a, b) => a - b)[2]!;
    };
    timeOf(20); // warm-up
    const few = timeOf(20);
    const many = timeOf(20_000);
    expect(many / Math.max(few, 0.5)).toBeLessThan(10);
  });

  it('keys equal codes equally without containing them', () => {
    expect(codeKey('LPA:1$smdp.example.com$MATCH-1')).toBe(codeKey('1$smdp.example.com$MATCH-1'));
    expect(codeKey('1$smdp.example.com$MATCH-1')).not.toBe(codeKey('1$smdp.example.com$MATCH-2'));
    expect(codeKey('1$smdp.example.com$MATCH-1')).not.toContain('MATCH');
  });

  it('finds the matching ID of a code', () => {
    expect(matchingIdOf('1$smdp.example.com$MATCH-1')).toBe('MATCH-1');
    expect(matchingIdOf('1$smdp.example.com$')).toBeNull();
    expect(matchingIdOf('nonsense')).toBeNull();
  });
});
