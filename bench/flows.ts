import type { FlowEvent, FlowInput, FlowName } from '../machines/types';
import { createState, step, type Command, type CoreState, type Input, type PortalCall } from '../src/core/index';
import { parseActivationCode, toMaskedActivationCode } from '../src/domain/activationCode';

/*
 * The recorded flows every engine bench replays. Built once by driving the real core with a
 * scripted device (answers in command order, timers fired at their deadlines), then replayed.
 */

/** The flows measured per event. */
export type BenchFlow = 'inline' | 'delayed' | 'asyncConnectivity';

/** One complete flow, ready to replay into `step` and into the bare machine. */
export interface RecordedFlow {
  readonly name: BenchFlow;
  readonly flow: FlowName;
  /** The core inputs, from a fresh `createState()`; the first is the portal call. */
  readonly inputs: readonly Input[];
  /** What the flow machine is created with (the same the core gives it). */
  readonly machineInput: FlowInput;
  /** The events the machine receives, `operation.start` first: one per core input. */
  readonly events: readonly FlowEvent[];
  /** The machine's final state value (every implementation must end there). */
  readonly finalValue: string;
}

export const START = 1_767_225_600_000;
export const ACTIVATION_CODE = 'LPA:1$smdp.example.com$MATCHING-ID-0001';
export const METADATA = { userAccount: 'new', purchaseInstrument: 'new', lineType: 'new', moDirectStatus: 'complete', planName: 'Bench plan' };
const MINUTE = 60_000;

/** An input before the driver stamps its time. */
export type UntimedInput = Input extends infer T ? (T extends unknown ? Omit<T, 'now'> : never) : never;

/** The portal call that starts each flow (`code` lets callers start many distinct operations). */
export function portalCall(name: BenchFlow, code: string = ACTIVATION_CODE): PortalCall {
  switch (name) {
    case 'inline':
      return { kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata: METADATA, activationCode: code };
    case 'delayed':
      return { kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata: METADATA, activationCode: code, downloadDelay: 15 };
    case 'asyncConnectivity':
      return { kind: 'purchaseWithProfileDownload', entryPoint: 'MobilePlans.notifyPurchaseWithProfileDownload', metadata: METADATA, activationCode: code, networkRegistrationInterval: 15 };
  }
}

const FLOW_OF: Record<BenchFlow, FlowName> = { inline: 'inlineDownload', delayed: 'delayedDownload', asyncConnectivity: 'asyncConnectivity' };
const DELAY_OF: Record<BenchFlow, number> = { inline: 0, delayed: 15 * MINUTE, asyncConnectivity: 15 * MINUTE };

/** The machine event a core input becomes (mirrors `step`'s dispatch for the inputs used here). */
function eventOf(input: Input): FlowEvent {
  switch (input.type) {
    case 'portal.call': return { type: 'operation.start', now: input.now };
    case 'timer.fired': return { type: 'timer.fired', now: input.now };
    case 'lpa.progress': return { type: 'lpa.progress', now: input.now, percent: input.percent };
    case 'lpa.downloaded': return { type: 'lpa.downloaded', now: input.now, iccid: input.iccid };
    case 'lpa.enabled': return { type: 'lpa.enabled', now: input.now };
    case 'modem.registration': return { type: 'modem.registration', now: input.now, state: input.state };
    case 'user.toastAccepted': return { type: 'user.toastAccepted', now: input.now };
    default: throw new Error(`bench flows do not use ${input.type}`);
  }
}

/**
 * The scripted device's answer to each command, as the next inputs (without their time).
 * Downloads report progress twice; the first registration attempt is `searching`, then `home`.
 */
export function answers(command: Command, iccid: string, registrations: Map<string, number>): UntimedInput[] {
  switch (command.type) {
    case 'lpa.download':
      return [
        { type: 'lpa.progress', operationId: command.operationId, percent: 50 },
        { type: 'lpa.progress', operationId: command.operationId, percent: 100 },
        { type: 'lpa.downloaded', operationId: command.operationId, iccid },
      ];
    case 'lpa.enable':
      return [{ type: 'lpa.enabled', operationId: command.operationId }];
    case 'modem.register': {
      const n = (registrations.get(command.iccid) ?? 0) + 1;
      registrations.set(command.iccid, n);
      return [
        { type: 'modem.registration', iccid: command.iccid, state: 'searching' },
        { type: 'modem.registration', iccid: command.iccid, state: 'home' },
      ];
    }
    case 'ui.toast':
      return [{ type: 'user.toastAccepted', operationId: command.operationId }];
    default:
      return [];
  }
}

/** Drive the core through one complete flow and record every input. */
export function recordFlow(name: BenchFlow): RecordedFlow {
  let state: CoreState = createState();
  let now = START;
  const iccid = '89882470000000000014';
  const inputs: Input[] = [];
  const pending: UntimedInput[] = [{ type: 'portal.call', call: portalCall(name) }];
  const timers = new Map<string, number>();
  const registrations = new Map<string, number>();
  let ended = false;
  for (let guard = 0; guard < 100 && !ended; guard++) {
    let next = pending.shift();
    if (next === undefined) {
      const [timerId, at] = [...timers.entries()][0] ?? [];
      if (timerId === undefined || at === undefined) throw new Error(`${name}: stuck before the report`);
      timers.delete(timerId);
      now = Math.max(now, at);
      next = { type: 'timer.fired', timerId };
    } else {
      now += 1000;
    }
    const input = { ...next, now } as Input;
    inputs.push(input);
    const result = step(state, input);
    state = result.state;
    for (const command of result.commands) {
      if (command.type === 'scheduler.set') timers.set(command.timerId, command.at);
      if (command.type === 'scheduler.clear') timers.delete(command.timerId);
      if (command.type === 'report') ended = true;
      pending.push(...answers(command, iccid, registrations));
    }
  }
  if (!ended) throw new Error(`${name}: no report`);
  const finished = Object.values(state.finished)[0];
  if (finished === undefined) throw new Error(`${name}: nothing finished`);
  const parsed = parseActivationCode(ACTIVATION_CODE);
  if (!parsed.ok) throw new Error('bench activation code does not parse');
  const first = inputs[0]!;
  return {
    name,
    flow: FLOW_OF[name],
    inputs,
    machineInput: { operationId: 'op-1', now: first.now, delayMs: DELAY_OF[name], code: toMaskedActivationCode(parsed.value) },
    events: inputs.map(eventOf),
    finalValue: finished.value,
  };
}

/** The three flows, recorded once. */
export function recordFlows(): RecordedFlow[] {
  return (['inline', 'delayed', 'asyncConnectivity'] as const).map(recordFlow);
}
