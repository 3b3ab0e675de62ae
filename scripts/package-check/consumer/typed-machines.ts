// A typed consumer of ./machines (with xstate installed). xstate's own declarations name
// `AbortSignal`, so this one compiles with the DOM lib (or @types/node) that any xstate user has.
import { createActor } from 'xstate';
import { DEFAULT_TIMING, machines, machinesFor, type FlowInput, type FlowMachine, type FlowTiming } from 'mobile-plans-fulfillment/machines';

const timing: FlowTiming = { ...DEFAULT_TIMING };
export const inline: FlowMachine = machinesFor(timing).inlineDownload;
const input: FlowInput = { operationId: 'op-1', now: 0, delayMs: 15 * 60_000, code: null };
export const actor = createActor(machines.delayedDownload, { input });
