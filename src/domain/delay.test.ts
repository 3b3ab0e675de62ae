import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DELAY_GRANULARITY_MINUTES, MAX_DELAY_MINUTES, parseDelay, roundDelay } from './delay';

describe('roundDelay', () => {
  it.each([
    [0, 0],
    [1, 15],
    [5, 15],
    [15, 15],
    [16, 30],
    [44, 45],
    [43200, 43200],
  ])('rounds %d minutes to %d', (minutes, rounded) => {
    expect(roundDelay(minutes)).toBe(rounded);
  });

  it('uses the granularity it is given', () => {
    expect(roundDelay(5, 1)).toBe(5);
    expect(roundDelay(5, 60)).toBe(60);
  });

  it('falls back to the default granularity when given a useless one', () => {
    expect(roundDelay(5, 0)).toBe(DEFAULT_DELAY_GRANULARITY_MINUTES);
    expect(roundDelay(5, Number.NaN)).toBe(DEFAULT_DELAY_GRANULARITY_MINUTES);
  });

  it('treats negative and NaN delays as 0', () => {
    expect(roundDelay(-5)).toBe(0);
    expect(roundDelay(Number.NaN)).toBe(0);
  });

  const minutes = fc.integer({ min: 0, max: MAX_DELAY_MINUTES });
  const granularity = fc.integer({ min: 1, max: 120 });

  it('is a multiple of the granularity, never below the input, and less than one step above it', () => {
    fc.assert(
      fc.property(minutes, granularity, (n, g) => {
        const r = roundDelay(n, g);
        expect(r % g).toBe(0);
        expect(r).toBeGreaterThanOrEqual(n);
        expect(r - n).toBeLessThan(g);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('is monotone', () => {
    fc.assert(
      fc.property(minutes, minutes, granularity, (a, b, g) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(roundDelay(lo, g)).toBeLessThanOrEqual(roundDelay(hi, g));
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(minutes, granularity, (n, g) => {
        expect(roundDelay(roundDelay(n, g), g)).toBe(roundDelay(n, g));
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('keeps 0 at 0 and moves anything above 0 to at least one step', () => {
    fc.assert(
      fc.property(granularity, fc.integer({ min: 1, max: MAX_DELAY_MINUTES }), (g, n) => {
        expect(roundDelay(0, g)).toBe(0);
        expect(roundDelay(n, g)).toBeGreaterThanOrEqual(g);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('parseDelay', () => {
  it.each<[unknown, number]>([
    [0, 0],
    [-0, 0],
    [15, 15],
    ['15', 15],
    ['0', 0],
    [MAX_DELAY_MINUTES, MAX_DELAY_MINUTES],
    [String(MAX_DELAY_MINUTES), MAX_DELAY_MINUTES],
  ])('accepts %j as %d minutes', (value, expected) => {
    const r = parseDelay(value, 'downloadDelay');
    expect(r).toEqual({ ok: true, value: expected });
    expect(r.ok && Object.is(r.value, -0)).toBe(false);
  });

  it.each<[string, unknown]>([
    ['a negative number', -1],
    ['a fraction', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['more than 30 days', MAX_DELAY_MINUTES + 1],
    ['an exponent string', '1e3'],
    ['a decimal string', '15.0'],
    ['a string with a leading space', ' 15'],
    ['a signed string', '+15'],
    ['a negative string', '-15'],
    ['the empty string', ''],
    ['a string over 30 days', '43201'],
    ['a huge digit string', '9'.repeat(400)],
    ['true', true],
    ['false', false],
    ['null', null],
    ['undefined', undefined],
    ['an object', { minutes: 15 }],
    ['an array', [15]],
    ['a bigint', 15n],
  ])('refuses %s with invalidDelay naming the field', (_label, value) => {
    const r = parseDelay(value, 'networkRegistrationInterval');
    expect(r).toMatchObject({ ok: false, error: { code: 'invalidDelay', field: 'networkRegistrationInterval' } });
    expect(r.ok ? '' : r.error.message).toMatch(/^networkRegistrationInterval must be a whole number of minutes/);
  });

  it('accepts every whole number in range, as a number and as its decimal string', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_DELAY_MINUTES }), (n) => {
        expect(parseDelay(n, 'profileDownloadDelayInterval')).toEqual({ ok: true, value: n });
        expect(parseDelay(String(n), 'profileDownloadDelayInterval')).toEqual({ ok: true, value: n });
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('refuses every number that is not a whole number in range', () => {
    const bad = fc.double().filter((x) => !(Number.isInteger(x) && x >= 0 && x <= MAX_DELAY_MINUTES));
    fc.assert(
      fc.property(bad, (x) => {
        expect(parseDelay(x, 'downloadDelay').ok).toBe(false);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('roundDelay of negative zero', () => {
  it('returns positive zero', () => {
    expect(Object.is(roundDelay(-0), 0)).toBe(true);
  });
});
