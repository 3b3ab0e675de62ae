import { describe, expect, it } from 'vitest';
import { conformanceCases, type CaseEnvironment } from './kit';
import { independentEffects } from './independentDevice';

/* Bad options are TypeErrors; an effect that never answers fails its case, naming it. */

describe('bad options and effects that hang get clear errors', () => {
  it('refuses an unknown flow, an unknown path kind and a missing makeEffects with a TypeError', () => {
    const makeEffects = (env: CaseEnvironment) => independentEffects(env);
    expect(() => conformanceCases({ makeEffects, flows: ['inline' as never] })).toThrow(new TypeError('unknown flow "inline"; the flows are inlineDownload, delayedDownload, asyncConnectivity, delayedProfile, balanceAddition, cancelledPurchase, legacyResult'));
    expect(() => conformanceCases({ makeEffects, paths: 'all' as never })).toThrow(/paths must be 'shortest' or 'simple', got "all"/);
    expect(() => conformanceCases({} as never)).toThrow(TypeError);
  });

  it('fails a case whose storage never answers, naming the effect, instead of hanging', async () => {
    const [first] = conformanceCases({
      flows: ['cancelledPurchase'],
      answerLimitMs: 50,
      makeEffects: (env) => {
        const { effects } = independentEffects(env);
        return { effects: { ...effects, storage: { load: () => new Promise<null>(() => {}), ...(effects.storage!.save === undefined ? {} : { save: effects.storage!.save }) } } };
      },
    });
    await expect(first!.run()).rejects.toThrow(/starting the host:\n {2}- .*storage\.load.* did not answer within 50 ms/);
  });
});
