import { isDeepStrictEqual } from 'node:util';
import type { FlowEvent, FlowName } from '../../machines/types';
import { redactCommand, type CallbackScript, type Command } from '../core/commands';
import type { Input, Reply } from '../core/inputs';
import { createState, type CoreConfig } from '../core/state';
import { step } from '../core/step';
import { checkedFlows } from './conformance';
import { expectedCallbacks, expectedSignatures, ownCommands, signature } from './observations';
import { generatedPaths, pathName, replay, type GeneratedPath } from './paths';
import { CONFIRMATION_CODE, FOUND_CODE, FOUND_CONFIRM_CODE, OPERATION_ID, PATH_TIMING, PHYSICAL_ICCID } from './scenarios';

/*
 * Paths as data: each generated path as the list of core inputs a host feeds, with what the
 * core answers to each (reply, commands, callbacks, state after), so that a host written in
 * another language can replay them. Produced by the pure core and checked, step by step,
 * against the machine before it is handed out. `paths.schema.json` describes the format.
 */

/** The format's name and version, in every document. */
export const PATHS_FORMAT = 'mobile-plans-fulfillment/paths@1';

/** One step: the input, and what the core does with it. */
export interface PathStep {
  /** The input, stamped with its time (epoch ms), as `step(state, input)` takes it. */
  readonly input: Input;
  /** The step's synchronous answer. */
  readonly reply: Reply;
  /** Every command the step asks for, in order; `lpa.download`'s codes masked as `redactCommand` does. */
  readonly commands: readonly Command[];
  /** The portal callbacks among them: the script and its exact JSON argument. */
  readonly callbacks: ReadonlyArray<{ readonly script: CallbackScript; readonly args: string }>;
  /** The operation's flow state after the step. */
  readonly state: string;
  /** Whether the operation is still running after the step (false once it has reported). */
  readonly live: boolean;
}

/** One generated path. */
export interface ExportedPath {
  /** `<scenario>: <events>`, unique within the flow. */
  readonly name: string;
  /** The scenario (machine input) it starts from, e.g. `valid code, delay 5 rounds to 15`. */
  readonly scenario: string;
  readonly steps: readonly PathStep[];
}

/** Every path of one flow, and the configuration they assume. */
export interface FlowPaths {
  readonly format: typeof PATHS_FORMAT;
  readonly flow: FlowName;
  /** Which paths: `shortest`, or `simple` (the shortest ones and every simple path). */
  readonly paths: 'shortest' | 'simple';
  /** The core configuration to replay them with (`createState(config)`): small retry bounds keep the paths few. */
  readonly config: Pick<CoreConfig, 'timing'>;
  /** The operation id the first step asks for (`portal.call`'s `operationId`). */
  readonly operationId: string;
  readonly cases: readonly ExportedPath[];
}

/** What {@link pathsFor} takes. */
export interface PathsForOptions {
  /** Also every simple path, not only the shortest ones (default false). */
  readonly simple?: boolean;
}

/**
 * The generated paths of a flow as data, ready to serialize with `JSON.stringify`.
 * @throws {TypeError} for an unknown flow
 * @throws {Error} when the core and the machine disagree on a step (a bug in this library)
 * @example
 * const { config, cases } = pathsFor('delayedDownload');
 * let state = createState(config);
 * for (const s of cases[0].steps) ({ state } = step(state, s.input)); // compare commands with s.commands
 */
export function pathsFor(flow: FlowName, options: PathsForOptions = {}): FlowPaths {
  checkedFlows([flow]);
  const kind = options.simple === true ? 'simple' : 'shortest';
  return {
    format: PATHS_FORMAT,
    flow,
    paths: kind,
    config: { timing: PATH_TIMING },
    operationId: OPERATION_ID,
    cases: generatedPaths(flow, kind).map(exportPath),
  };
}

function exportPath(generated: GeneratedPath): ExportedPath {
  const name = `${generated.scenario.name}: ${pathName(generated)}`;
  let state = createState({ timing: PATH_TIMING });
  let iccid: string | null = null;
  let now = Number.NEGATIVE_INFINITY;
  const steps = replay(generated).map((modelStep, index): PathStep => {
    const portalOpen = state.portalOpen;
    // The model gives each event a time from its state alone, which may lie before the last one; a
    // replaying host gets time that never runs backwards, and a timer firing at the core's deadline.
    const deadline = state.operations[OPERATION_ID]?.context.deadline ?? null;
    now = modelStep.event.type === 'timer.fired' && deadline !== null ? deadline : Math.max(now, modelStep.event.now);
    const input = inputOf({ ...modelStep.event, now }, generated, iccid);
    const result = step(state, input);
    state = result.state;
    const record = state.operations[OPERATION_ID];
    iccid = record?.context.iccid ?? iccid;
    const finished = state.finished[OPERATION_ID];
    const value = record?.value ?? finished?.value ?? null;
    const callbacks = result.commands.flatMap((c) => (c.type === 'portal.callback' ? [{ script: c.script, args: c.args }] : []));
    const where = `${generated.scenario.flow}, ${name}: step ${index + 1}`;
    if (value !== modelStep.after.value) throw new Error(`${where}: the core is in ${String(value)}, the machine in ${modelStep.after.value}`);
    const signatures = ownCommands(result.commands, OPERATION_ID).map(signature);
    const expected = expectedSignatures(modelStep.effects, portalOpen);
    if (!isDeepStrictEqual(signatures, expected)) throw new Error(`${where}: the core asks for ${JSON.stringify(signatures)}, the machine for ${JSON.stringify(expected)}`);
    const shownCallbacks = expectedCallbacks(modelStep.effects, portalOpen, iccid);
    if (!isDeepStrictEqual(callbacks, shownCallbacks)) throw new Error(`${where}: the core calls back ${JSON.stringify(callbacks)}, the spec says ${JSON.stringify(shownCallbacks)}`);
    return { input, reply: result.reply, commands: result.commands.map(redactCommand), callbacks, state: modelStep.after.value, live: record !== undefined };
  });
  return { name, scenario: generated.scenario.name, steps };
}

/** The core input that a machine event stands for. */
function inputOf(event: FlowEvent, generated: GeneratedPath, iccid: string | null): Input {
  const { now } = event;
  const operationId = OPERATION_ID;
  switch (event.type) {
    case 'operation.start':
      // A legacy hand-off carries the physical SIM's ICCID, as the host stamps it (D37).
      return { type: 'portal.call', now, call: generated.scenario.call, operationId, ...(generated.scenario.call.kind === 'purchaseResult' ? { physicalIccid: PHYSICAL_ICCID } : {}) };
    case 'timer.fired':
      return { type: 'timer.fired', now, timerId: operationId };
    case 'portal.cancel':
      return { type: 'portal.cancel', now, operationId };
    case 'lpa.progress':
      return { type: 'lpa.progress', now, operationId, percent: event.percent };
    case 'lpa.downloaded':
      return { type: 'lpa.downloaded', now, operationId, iccid: event.iccid };
    case 'lpa.discovered':
      return { type: 'lpa.discovered', now, operationId, activationCode: event.code.confirmationCodeRequired ? FOUND_CONFIRM_CODE : FOUND_CODE };
    case 'lpa.nothingDiscovered':
    case 'lpa.enabled':
      return { type: event.type, now, operationId };
    case 'lpa.profile':
      return { type: 'lpa.profile', now, operationId, state: event.state };
    case 'lpa.failed':
      return { type: 'lpa.failed', now, operationId, error: event.error };
    case 'modem.registration':
      if (iccid === null) throw new Error('a registration change before the operation has an ICCID');
      return { type: 'modem.registration', now, iccid, state: event.state };
    case 'modem.failed':
      return { type: 'modem.failed', now, operationId, error: event.error };
    case 'user.confirmationCode':
      return { type: 'user.confirmationCode', now, operationId, code: CONFIRMATION_CODE };
    case 'user.toastAccepted':
    case 'user.toastDismissed':
    case 'user.startDownload':
    case 'user.abort':
      return { type: event.type, now, operationId };
  }
}
