import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMING } from '../../machines/definition';
import { flows } from '../../machines/flows';
import type { FlowEvent } from '../../machines/types';
import { runtimeFor, startFlow, stepFlow } from './flowRunner';

/*
 * The interpreter copies a context once per event and then updates its own copy in place
 * (decision D57): the context it is given must come back untouched, and every update of one
 * event must be in the context it returns.
 */

const runtime = runtimeFor(DEFAULT_TIMING);
const definition = flows.inlineDownload;
const code = { address: 'smdp.example.com', confirmationCodeRequired: false, masked: '1$smdp.example.com$****' };

describe('the flow interpreter', () => {
  it('leaves the context it was given as it was, and returns every update of the event', () => {
    const started = startFlow(definition, runtime, { operationId: 'op-1', now: 0, delayMs: 0, code });
    const events: FlowEvent[] = [
      { type: 'operation.start', now: 0 },
      { type: 'lpa.downloaded', now: 1_000, iccid: '89882470000000000001' },
      // Two updates in one event: the registration count and the deadline.
      { type: 'lpa.enabled', now: 2_000 },
    ];
    let { value, context } = started;
    for (const event of events) {
      const frozen = Object.freeze({ ...context });
      const next = stepFlow(definition, runtime, value, frozen, event);
      if (next === null) continue;
      expect(frozen).toEqual(context); // a change in place would have thrown on the frozen object
      ({ value, context } = next);
    }
    expect(value).toBe('registering');
    expect(context).toMatchObject({ iccid: '89882470000000000001', registrationAttempts: 1, deadline: 2_000 + DEFAULT_TIMING.registrationTimeoutMs });
  });
});
