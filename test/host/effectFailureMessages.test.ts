import { describe, expect, it } from 'vitest';
import { activationErrorIn, callEffect, describeFailure, failureOf, type EffectOutcome } from '../../src/host/effectCall';

/*
 * Gaps mutation testing found in src/host/effectCall.ts: no unit test read the description of
 * what an effect threw, so the message a diagnostic carries, the masking of the matching ID in
 * it and the bound on its length could all change unseen. The matching ID is a credential: a
 * failure message must never carry it in clear.
 */

const SECRET = 'SECRET-MATCHING-ID-4711';

describe('describeFailure', () => {
  it.each<[string, unknown, string]>([
    ['an Error', new Error('disk full'), 'disk full'],
    ['a string', 'no network', 'no network'],
    ['a number', 42, '42'],
    ['a boolean', false, 'false'],
    ['a bigint', 7n, '7'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['an object without a message', { code: 1 }, 'a object without a message'],
    ['an object whose message is not a string', { message: 3 }, 'a object without a message'],
    ['an array', [1], 'a array without a message'],
    ['a function', () => 1, 'a function without a message'],
    ['a symbol', Symbol('s'), 'a symbol'],
  ])('describes %s', (_, error, text) => {
    expect(describeFailure(error)).toBe(text);
  });

  it('describes a value whose message getter throws, instead of throwing', () => {
    const hostile = {
      get message(): string {
        throw new Error('boom');
      },
    };
    expect(describeFailure(hostile)).toBe('an unreadable value (reading it threw)');
  });

  it('masks activation codes and the given secret', () => {
    expect(describeFailure(new Error(`download of 1$smdp.example.com$${SECRET} failed`))).toBe('download of 1$smdp.example.com$*** failed');
    expect(describeFailure(`the LPA refused ${SECRET} twice: ${SECRET}`, SECRET)).toBe('the LPA refused *** twice: ***');
    expect(describeFailure(`nothing to mask in ${SECRET}`, '')).toBe(`nothing to mask in ${SECRET}`);
  });

  it('cuts a long message to 500 characters after masking, so no part of a secret is left', () => {
    const text = `${'x'.repeat(490)}${SECRET}${'y'.repeat(100)}`;
    const described = describeFailure(text, SECRET);
    expect(described).toBe(`${'x'.repeat(490)}***${'y'.repeat(7)}…`);
    expect(described).not.toContain(SECRET.slice(0, 6));
    expect(describeFailure('z'.repeat(500))).toBe('z'.repeat(500));
  });
});

describe('failureOf and activationErrorIn', () => {
  it('keeps an activation error the effect named and describes the failure', () => {
    expect(failureOf({ activationError: 'serverNotReachable', message: `lost ${SECRET}` }, SECRET)).toEqual({ activationError: 'serverNotReachable', message: 'lost ***' });
  });

  it.each<[string, unknown]>([
    ['a name that is not an activation error', { activationError: 'nope' }],
    ['a name that is not a string', { activationError: 3 }],
    ['a string', 'serverNotReachable'],
    ['null', null],
    ['a getter that throws', { get activationError(): string { throw new Error('boom'); } }],
  ])('answers unknownError for %s', (_, error) => {
    expect(activationErrorIn(error)).toBe('unknownError');
  });

  it('reads an activation error from a function too', () => {
    expect(activationErrorIn(Object.assign(() => 1, { activationError: 'serverNotReachable' }))).toBe('serverNotReachable');
  });
});

describe('callEffect with answers that look like promises', () => {
  const outcomeOf = async (answer: unknown): Promise<EffectOutcome<unknown>> => {
    const outcomes: EffectOutcome<unknown>[] = [];
    const pending: Promise<void>[] = [];
    callEffect(
      () => answer,
      (value) => value,
      (outcome) => void outcomes.push(outcome),
      (done) => void pending.push(done),
    );
    await Promise.all(pending);
    expect(outcomes).toHaveLength(1);
    return outcomes[0]!;
  };

  it('takes a plain value, null and an object without then at once', async () => {
    for (const answer of [7, null, { then: 'not a function' }]) {
      const outcomes: EffectOutcome<unknown>[] = [];
      callEffect(() => answer, (value) => value, (outcome) => void outcomes.push(outcome), () => {});
      expect(outcomes).toEqual([{ ok: true, value: answer }]);
    }
  });

  it('adopts a function with a then, as a thenable', async () => {
    const thenable = Object.assign(() => 0, { then: (resolve: (v: unknown) => void) => resolve('answered') });
    expect(await outcomeOf(thenable)).toEqual({ ok: true, value: 'answered' });
  });

  it('fails an answer whose then cannot be read, saying so', async () => {
    const hostile = {
      get then(): unknown {
        throw new Error('boom');
      },
    };
    expect(await outcomeOf(hostile)).toEqual({ ok: false, failure: { activationError: 'unknownError', message: 'the answer\'s "then" could not be read' } });
  });

  it('fails an answer whose then throws, with what it threw', async () => {
    const throwing = {
      then(): void {
        throw new Error(`then broke on ${SECRET}`);
      },
    };
    const outcomes: EffectOutcome<unknown>[] = [];
    const pending: Promise<void>[] = [];
    callEffect(() => throwing, (v) => v, (o) => void outcomes.push(o), (d) => void pending.push(d), SECRET);
    await Promise.all(pending);
    expect(outcomes).toEqual([{ ok: false, failure: { activationError: 'unknownError', message: 'then broke on ***' } }]);
  });
});
