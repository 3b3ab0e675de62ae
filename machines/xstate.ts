import { assign, setup } from 'xstate';
import { runnableFlow } from './deadline';
import { DEFAULT_TIMING, initialContext, timingKey, type FlowDefinition } from './definition';
import { EFFECT_NAMES, guardsFor, updatesFor } from './runtime';
import { FLOW_NAMES, flows } from './flows';
import type { FlowContext, FlowEvent, FlowInput, FlowName, FlowTiming } from './types';

/**
 * An xstate machine built from a flow definition, with the given timing: its deadlines expanded
 * (`expandDeadlines`), effects are actions with empty bodies, updates are `assign`s, guards are named.
 */
export function flowMachine(definition: FlowDefinition, timing: FlowTiming = DEFAULT_TIMING) {
  const actions: Record<string, unknown> = {};
  for (const name of EFFECT_NAMES) actions[name] = () => {};
  for (const [name, update] of Object.entries(updatesFor(timing))) {
    actions[name] = assign((args, params) => update(args as never, params as never));
  }
  return setup({
    // Stryker disable next-line ObjectLiteral: types are read by the compiler only; xstate ignores them at run time
    types: { context: {} as FlowContext, events: {} as FlowEvent, input: {} as FlowInput },
    actions: actions as {},
    guards: guardsFor(timing) as {},
  }).createMachine({ ...runnableFlow(definition), context: ({ input }: { input: FlowInput }) => initialContext(input) } as never);
}

/** The xstate machine type every flow shares. */
export type FlowMachine = ReturnType<typeof flowMachine>;

/** The flow machines for one timing, by flow name. */
export type FlowMachines = Readonly<Record<FlowName, FlowMachine>>;

function machinesOf(timing: FlowTiming): FlowMachines {
  const made = {} as Record<FlowName, FlowMachine>;
  for (const flow of FLOW_NAMES) made[flow] = flowMachine(flows[flow], timing);
  return made;
}

/** Every flow as an xstate machine with the default timing: the statecharts that are the specification. */
export const machines: FlowMachines = machinesOf(DEFAULT_TIMING);

const byValue = new Map<string, FlowMachines>([[timingKey(DEFAULT_TIMING), machines]]);

/** Every flow as an xstate machine with the given timing: `machines` itself for the defaults; made once per distinct timing. */
export function machinesFor(timing: FlowTiming): FlowMachines {
  const key = timingKey(timing);
  let made = byValue.get(key);
  if (made === undefined) byValue.set(key, (made = machinesOf(timing)));
  return made;
}
