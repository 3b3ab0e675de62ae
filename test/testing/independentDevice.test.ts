import { describe, it } from 'vitest';
import { conformanceCases, type CaseEnvironment } from './kit';
import { independentEffects } from './independentDevice';

/*
 * A second implementation of Effects, written from the contract alone (./independentDevice.ts),
 * passes every case of the kit, and the restart cases too.
 */

describe('an independent implementation of Effects conforms, restarts included', () => {
  // Every path uninterrupted; the restart cases of the shortest paths (those of every path, 36 s more, pass too).
  const makeEffects = (env: CaseEnvironment) => independentEffects(env);
  const restartCases = conformanceCases({ makeEffects, paths: 'shortest', restarts: true }).filter((c) => c.name.startsWith('restarts: '));
  for (const c of [...conformanceCases({ makeEffects }), ...restartCases]) it(c.name, c.run);
});

