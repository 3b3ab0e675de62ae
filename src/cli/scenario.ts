import type { Outcome } from '../../machines/types';
import type { ActivationError } from '../domain/enums';
import { simulatedLaunch } from '../sim/simulatorLaunch';
import { settleMicrotasks, type ActivationFailure, type RegistrationScript, type SimulatedDeviceOptions } from '../sim/device/index';
import { INSTALLED_ICCID, SIMULATED_ACTIVATION_CODE, SIMULATED_TRANSACTION_ID, type FlowSpec } from './flows';
import { SimulatedSession, type TimelineStep } from './session';

const MINUTE = 60_000;

/** How far the clock may run before a scenario counts as stuck: 31 virtual days. */
export const MAX_VIRTUAL_MS = 31 * 24 * 60 * MINUTE;

/** A registration the modem can be scripted with from the command line. */
export type RegistrationChoice = 'home' | 'roaming' | 'partner' | 'denied' | 'none';

/** The operator portal the simulated app opens. */
const SIMULATED_PORTAL_URL = 'https://portal.example.com/buy';

/** One simulated run of a flow. */
export interface Scenario {
  readonly flow: FlowSpec;
  /** The flow's delay or interval in minutes (its default when null). */
  readonly delayMinutes: number | null;
  /** What the flow's first fallible LPA call answers (`success` by default). */
  readonly outcome: ActivationError | null;
  readonly registration: RegistrationChoice | null;
  /** The virtual minute the portal calls `notifyOperationCancel`. */
  readonly cancelAtMinutes: number | null;
  /** The virtual minute the host restarts (persist, drop, restore). */
  readonly restartAtMinutes: number | null;
}

/** How a scenario ended. */
export interface ScenarioResult {
  readonly operationId: string | null;
  /** The flow the core chose (e.g. `inlineDownload` for `delayed --delay 0`), null when refused. */
  readonly flow: string | null;
  /** The machine state the operation ended in (or stopped in). */
  readonly state: string | null;
  readonly final: boolean;
  readonly outcome: Outcome | null;
  readonly activationResult: ActivationError | null;
  /** Virtual milliseconds from the hand-off to the end. */
  readonly elapsedMs: number;
  /** Why the portal call was refused, when it was. */
  readonly refused: string | null;
}

/** A scenario with every option at its default. */
export function scenarioOf(flow: FlowSpec, overrides: Partial<Omit<Scenario, 'flow'>> = {}): Scenario {
  return { flow, delayMinutes: null, outcome: null, registration: null, cancelAtMinutes: null, restartAtMinutes: null, ...overrides };
}

/**
 * Run a flow against the simulated device on its virtual clock: launch the portal, hand off,
 * then advance the clock from one pending event to the next, playing the simulated user (accept
 * every toast, answer every confirmation prompt) and the scripted cancel and restart, until the
 * operation reaches a final state (or {@link MAX_VIRTUAL_MS} passes).
 *
 * @param scenario - the flow and its scripted outcomes
 * @param onStep - told about every host step, redacted, as it happens
 */
export async function runScenario(scenario: Scenario, onStep: (step: TimelineStep) => void): Promise<ScenarioResult> {
  const { flow } = scenario;
  const session = new SimulatedSession({ device: deviceOptions(scenario), onStep });
  session.device.trace.redactor.keepCode(SIMULATED_ACTIVATION_CODE);
  scriptOutcome(session, scenario);
  await session.start();
  // The app opens the portal through portalLaunch, as a real host would (decision D30).
  const launch = simulatedLaunch(session.device, SIMULATED_TRANSACTION_ID, SIMULATED_PORTAL_URL, [new URL(SIMULATED_PORTAL_URL).host]);
  session.as(`the user opens the operator portal at ${launch.url}`, () => session.device.user.launchPortal(SIMULATED_TRANSACTION_ID));

  const delayMinutes = scenario.delayMinutes ?? flow.delay?.defaultMinutes ?? 0;
  const reply = session.as('the portal hands off', () =>
    session.host.call(flow.handOff({ activationCode: SIMULATED_ACTIVATION_CODE, delayMinutes, iccid: INSTALLED_ICCID, transactionId: SIMULATED_TRANSACTION_ID })),
  );
  await settleMicrotasks();
  if (reply.type !== 'operation') {
    const refused = reply.type === 'refused' ? reply.error.message : `the portal call was not taken (${reply.type})`;
    return { operationId: null, flow: null, state: null, final: false, outcome: null, activationResult: null, elapsedMs: session.elapsed(), refused };
  }
  const operationId = reply.operationId;
  const clock = session.device.clock;
  const origin = clock.now() - session.elapsed();
  const actions = scriptedActions(scenario, origin, session, operationId);

  for (let turn = 0; turn < 10_000; turn++) {
    playUser(session, operationId);
    await settleMicrotasks();
    const finished = session.stateOf(operationId)?.final === true;
    const nextEvent = clock.pending()[0]?.at;
    const nextAction = actions[0];
    if (finished && nextAction === undefined) break;
    if (nextAction !== undefined && (nextEvent === undefined || finished || nextAction.at <= nextEvent)) {
      await clock.advanceAsync(Math.max(0, nextAction.at - clock.now()));
      actions.shift();
      await nextAction.run();
      continue;
    }
    if (nextEvent === undefined || nextEvent - origin > MAX_VIRTUAL_MS) break;
    await clock.advanceAsync(Math.max(0, nextEvent - clock.now()));
  }
  await settleMicrotasks();
  return resultOf(session, operationId);
}

function deviceOptions(scenario: Scenario): SimulatedDeviceOptions {
  // A download takes 20 virtual seconds with progress; SM-DS has the profile once asked.
  return {
    lpa: { download: { slow: { durationMs: 20_000 } }, discover: { profileReady: true } },
    ...(scenario.flow.needsInstalledProfile ? { profiles: [{ iccid: INSTALLED_ICCID, enabled: false }] } : {}),
    ...(scenario.registration === null ? {} : { registration: scenario.registration satisfies RegistrationScript }),
  };
}

function scriptOutcome(session: SimulatedSession, scenario: Scenario): void {
  const outcome = scenario.outcome;
  if (outcome === null || outcome === 'success') return;
  const failure: ActivationFailure = outcome;
  const lpa = session.device.lpa;
  if (scenario.flow.outcomeTarget === 'download') lpa.setOutcome('download', { slow: { durationMs: 20_000, then: failure } });
  if (scenario.flow.outcomeTarget === 'enable') lpa.setOutcome('enable', failure);
}

interface ScriptedAction {
  readonly at: number;
  readonly run: () => Promise<void>;
}

function scriptedActions(scenario: Scenario, origin: number, session: SimulatedSession, operationId: string): ScriptedAction[] {
  const actions: ScriptedAction[] = [];
  if (scenario.cancelAtMinutes !== null) {
    actions.push({
      at: origin + scenario.cancelAtMinutes * MINUTE,
      run: async () => {
        session.as('the portal calls MobilePlansInlineOperations.notifyOperationCancel', () => session.host.cancel(operationId));
        await settleMicrotasks();
      },
    });
  }
  if (scenario.restartAtMinutes !== null) {
    actions.push({ at: origin + scenario.restartAtMinutes * MINUTE, run: () => session.restart() });
  }
  return actions.sort((a, b) => a.at - b.at);
}

/** The simulated user accepts a toast as soon as it is up and answers every confirmation prompt. */
function playUser(session: SimulatedSession, operationId: string): void {
  const { ui, user } = session.device;
  if (ui.toasts().includes(operationId)) session.as('the simulated user accepts the toast', () => user.acceptToast(operationId));
  if (ui.prompt(operationId) !== null) session.as('the simulated user enters a confirmation code', () => user.confirmationCode(operationId, '4711'));
}

function resultOf(session: SimulatedSession, operationId: string): ScenarioResult {
  const view = session.host.operations().find((op) => op.id === operationId);
  const report = session.host.state().finished[operationId]?.report;
  return {
    operationId,
    flow: view?.flow ?? null,
    state: view?.state ?? null,
    final: view !== undefined && !view.live,
    outcome: report?.outcome ?? null,
    activationResult: report?.activationResult ?? null,
    elapsedMs: session.elapsed(),
    refused: null,
  };
}
