import { asyncConnectivityMachine } from './asyncConnectivity';
import { balanceAdditionMachine } from './balanceAddition';
import { cancelledPurchaseMachine } from './cancelledPurchase';
import { delayedDownloadMachine } from './delayedDownload';
import { delayedProfileMachine } from './delayedProfile';
import { inlineDownloadMachine } from './inlineDownload';
import { legacyResultMachine } from './legacyResult';
import { DEFAULT_TIMING, withTiming } from './setup';
import type { FlowName, FlowTiming } from './types';

export { asyncConnectivityMachine, balanceAdditionMachine, cancelledPurchaseMachine, delayedDownloadMachine };
export { delayedProfileMachine, inlineDownloadMachine, legacyResultMachine };
export { DEFAULT_TIMING, flowSetup, initialContext, withTiming } from './setup';
export type * from './types';

/** Every flow machine by flow name: the statecharts that are the specification. */
export const machines = {
  inlineDownload: inlineDownloadMachine,
  delayedDownload: delayedDownloadMachine,
  asyncConnectivity: asyncConnectivityMachine,
  delayedProfile: delayedProfileMachine,
  balanceAddition: balanceAdditionMachine,
  cancelledPurchase: cancelledPurchaseMachine,
  legacyResult: legacyResultMachine,
} as const satisfies Record<FlowName, unknown>;

/** The list of flow names, in the order the docs present them. */
export const FLOW_NAMES = Object.keys(machines) as FlowName[];

/** The flow machines for one timing. */
export type FlowMachines = typeof machines;

// Machines per timing: by object first (the usual lookup, once per event), then by value.
const byObject = new WeakMap<FlowTiming, FlowMachines>();
const byValue = new Map<string, FlowMachines>();
const TIMING_KEYS = Object.keys(DEFAULT_TIMING) as (keyof FlowTiming)[];

/**
 * Every flow machine with the given timing (durations and attempt bounds): `machines` itself
 * for the defaults, otherwise the same statecharts with their timed actions and guards provided.
 * Made once per distinct timing.
 */
export function machinesFor(timing: FlowTiming): FlowMachines {
  const known = byObject.get(timing);
  if (known !== undefined) return known;
  const key = TIMING_KEYS.map((name) => timing[name]).join(',');
  const defaultKey = TIMING_KEYS.map((name) => DEFAULT_TIMING[name]).join(',');
  let made = key === defaultKey ? machines : byValue.get(key);
  if (made === undefined) {
    const provided = {} as Record<FlowName, unknown>;
    for (const flow of FLOW_NAMES) provided[flow] = withTiming(machines[flow], timing);
    made = provided as FlowMachines;
    byValue.set(key, made);
  }
  byObject.set(timing, made);
  return made;
}
