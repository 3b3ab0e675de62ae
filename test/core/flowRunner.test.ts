import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMING, flows } from '../../machines/index';
import type { FlowDefinition } from '../../machines/definition';
import { accepts, runtimeFor, startFlow, stepFlow } from '../../src/core/flowRunner';

/* What the core's interpreter does with a state or a definition that is not what it expects. */

const runtime = runtimeFor(DEFAULT_TIMING);
const inline = flows.inlineDownload;
const started = startFlow(inline, runtime, { operationId: 'op-1', now: 0, delayMs: 0 });

describe('the core interpreter', () => {
  it('accepts no event in a state its flow does not have', () => {
    const event = { type: 'lpa.downloaded', now: 1, iccid: '8901' } as const;
    expect(accepts(inline, runtime, 'downloading', started.context, event)).toBe(true);
    expect(accepts(inline, runtime, 'noSuchState', started.context, event)).toBe(false);
    expect(stepFlow(inline, runtime, 'noSuchState', started.context, event)).toBeNull();
  });

  it('refuses a definition whose transition names a state it lacks, naming both', () => {
    const broken: FlowDefinition = { id: 'inlineDownload', initial: 'received', states: { received: { on: { 'operation.start': 'nowhere' } } } };
    const start = startFlow(broken, runtime, { operationId: 'op-1', now: 0, delayMs: 0 });
    expect(() => stepFlow(broken, runtime, start.value, start.context, { type: 'operation.start', now: 0 })).toThrow('inlineDownload has no state nowhere');
  });
});
