import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMING, flows } from '../../machines/index';
import type { FlowDefinition } from '../../machines/definition';
import { accepts, entryEffects, runtimeFor, startFlow, stepFlow } from '../../src/core/flowRunner';

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

describe('the core interpreter with definitions the flows do not use', () => {
  it('fails where a guard the runtime lacks is tried, naming the flow and the guard', () => {
    const broken = { id: 'inlineDownload', initial: 'received', states: { received: { on: { 'operation.start': { target: 'received', guard: 'noSuchGuard' } } } } } as unknown as FlowDefinition;
    const start = startFlow(broken, runtime, { operationId: 'op-1', now: 0, delayMs: 0 });
    expect(() => stepFlow(broken, runtime, start.value, start.context, { type: 'operation.start', now: 0 })).toThrow(new TypeError('inlineDownload names a guard noSuchGuard the runtime lacks'));
  });

  it('takes no event in a final state, even one its definition lists', () => {
    const odd = { id: 'inlineDownload', initial: 'received', states: { received: { on: { 'operation.start': 'done' } }, done: { type: 'final', on: { 'operation.start': 'received' } } } } as unknown as FlowDefinition;
    const start = startFlow(odd, runtime, { operationId: 'op-1', now: 0, delayMs: 0 });
    expect(accepts(odd, runtime, 'done', start.context, { type: 'operation.start', now: 0 })).toBe(false);
    expect(accepts(odd, runtime, 'received', start.context, { type: 'operation.start', now: 0 })).toBe(true);
  });

  it('gives an update the params its definition computes', () => {
    const computed = { id: 'inlineDownload', initial: 'received', states: { received: { entry: [{ type: 'fail', params: () => ({ error: 'noNetwork' }) }], on: {} } } } as unknown as FlowDefinition;
    expect(startFlow(computed, runtime, { operationId: 'op-1', now: 0, delayMs: 0 }).context.failure).toBe('noNetwork');
  });

  it("replays a state's entry without changing the caller's context", () => {
    const counting = { id: 'inlineDownload', initial: 'received', states: { received: { on: {} }, again: { entry: ['countDiscovery', { type: 'showToast', params: () => undefined }], on: {} } } } as unknown as FlowDefinition;
    const context = startFlow(counting, runtime, { operationId: 'op-1', now: 0, delayMs: 0 }).context;
    expect(entryEffects(counting, runtime, 'again', context)).toEqual([{ type: 'showToast' }]);
    expect(context.discoveryAttempts).toBe(0);
  });
});
