import { describe, expect, it } from 'vitest';
import { profileDownload } from '../../test/support/world';
import type { Command } from './commands';
import { createState, type CoreState } from './state';
import { step } from './step';

/* The callback argument is written by hand (effectCommand.ts, argsJson): it must be exactly the text JSON.stringify gives. */

describe('callback arguments', () => {
  it.each([
    ['an ICCID JSON must escape', '8988247"0001'],
    ['a plain ICCID', '89882470000000000014'],
  ])('are the JSON text of { activationResult, iccid } and { networkRegistrationState, iccid }, keys in that order, with %s', (_, iccid) => {
    let state: CoreState = createState();
    const commands: Command[] = [];
    const run = (input: Parameters<typeof step>[1]) => {
      const result = step(state, input);
      state = result.state;
      commands.push(...result.commands);
    };
    run({ type: 'portal.call', now: 0, newOperationId: 'op-1', call: profileDownload() });
    run({ type: 'lpa.downloaded', now: 1, operationId: 'op-1', iccid });
    run({ type: 'lpa.enabled', now: 2, operationId: 'op-1' });
    run({ type: 'modem.registration', now: 3, iccid, state: 'home' });
    const args = commands.flatMap((c) => (c.type === 'portal.callback' ? [c.args] : []));
    expect(args).toEqual([JSON.stringify({ activationResult: 'success', iccid }), JSON.stringify({ networkRegistrationState: 'home', iccid })]);
  });
});
