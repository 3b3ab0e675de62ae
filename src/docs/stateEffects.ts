import type { FlowContext, FlowName } from '../../machines/types';
import { initialContext } from '../../machines/definition';
import { actionCommands, entryCommands, type Command } from '../core/index';
import type { ActionInfo, FlowGraph, StateInfo } from './machineGraph';
import { SAMPLE_ICCID } from './scenarios';

/*
 * What a state's actions become in the outside world. The core answers (`entryCommands`,
 * `actionCommands`), so the docs name exactly the commands a host receives.
 */

const SAMPLE_DEADLINE = 15 * 60_000;

function sampleContext(flow: FlowName): FlowContext {
  const base = initialContext({ operationId: 'op-1', now: 0, delayMs: SAMPLE_DEADLINE, iccid: SAMPLE_ICCID });
  return { ...base, deadline: SAMPLE_DEADLINE, startAt: SAMPLE_DEADLINE, legacyRoute: flow === 'legacyResult' ? 'download' : null };
}

/**
 * The commands entering a state produces, with a sample context.
 *
 * @param flow - the flow
 * @param state - one of its states
 */
export function entryCommandsOf(flow: FlowName, state: string): Command[] {
  return entryCommands(flow, state, sampleContext(flow));
}

/**
 * The commands a list of a state's actions makes the core emit, with a sample context (params
 * that depend on context or event are evaluated against it).
 *
 * @param flow - the flow the actions belong to
 * @param state - the state they run in
 * @param actions - exit or transition actions
 * @param eventType - the event being handled, for transition actions
 */
export function commandsOf(flow: FlowName, state: string, actions: readonly ActionInfo[], eventType = 'restore'): Command[] {
  return actionCommands(flow, state, sampleContext(flow), actions, eventType);
}

/**
 * How a command reads in the tables: its type, plus the one detail that never depends on the
 * operation (the progress stage, the callback script, the report's outcome).
 *
 * @example commandLabel({ type: 'ui.progress', operationId: 'op-1', stage: 'enabling', percent: null }) // 'ui.progress(enabling)'
 */
export function commandLabel(command: Command): string {
  switch (command.type) {
    case 'ui.progress':
      return `ui.progress(${command.stage})`;
    case 'portal.callback':
      return `portal.callback(${command.script})`;
    case 'report':
      return `report(${command.report.outcome})`;
    default:
      return command.type;
  }
}

/** What one state means to the people around it, derived from the commands around it. */
export interface StateView {
  /** What the user sees while the operation is in this state. */
  readonly userSees: readonly string[];
  /** The callbacks the portal receives on the way into (or while in) this state. */
  readonly portalHears: readonly string[];
  /**
   * False when every way here passes a return to the app: the portal is closed, so the core
   * keeps the callbacks in the operation's history and report instead of delivering them.
   */
  readonly portalOpen: boolean;
  /** Whether `notifyOperationCancel` cancels the operation here. */
  readonly cancellable: boolean;
  /** The outcome reported when the operation ends here. */
  readonly outcome: string | null;
}

/**
 * What the user sees and the portal hears in a state: the commands of its entry actions and of
 * the transitions that lead into it (where the scheduled notice and the return to the app are).
 *
 * @param graph - the walked machine
 * @param state - one of its states
 */
export function stateView(graph: FlowGraph, state: StateInfo): StateView {
  const incoming = graph.states.flatMap((s) => s.transitions.filter((t) => t.target === state.name));
  const commands = [
    ...incoming.flatMap((t) => commandsOf(graph.flow, t.source, t.actions, t.event)),
    ...entryCommandsOf(graph.flow, state.name),
  ];
  const userSees = unique(commands.flatMap(userSight));
  const portalHears = unique(commands.flatMap((c) => (c.type === 'portal.callback' ? [`${c.script}Script`] : [])));
  const report = entryCommandsOf(graph.flow, state.name).find((c) => c.type === 'report');
  return {
    userSees,
    portalHears,
    portalOpen: portalOpenStates(graph).has(state.name),
    cancellable: state.transitions.some((t) => t.event === 'portal.cancel'),
    outcome: report?.type === 'report' ? report.report.outcome : null,
  };
}

/**
 * The states an operation can reach with the portal still open: reachable from the initial
 * state without a transition or entry that returns to the app.
 *
 * @param graph - the walked machine
 */
export function portalOpenStates(graph: FlowGraph): Set<string> {
  const closes = (actions: readonly ActionInfo[]) => actions.some((a) => a.type === 'returnToApp');
  const byName = new Map(graph.states.map((s) => [s.name, s]));
  const open = new Set<string>();
  const queue = [graph.initial];
  while (queue.length > 0) {
    const name = queue.shift()!;
    const state = byName.get(name);
    if (state === undefined || open.has(name) || closes(state.entry)) continue;
    open.add(name);
    for (const t of state.transitions) if (!closes(t.actions)) queue.push(t.target);
  }
  return open;
}

function userSight(command: Command): string[] {
  switch (command.type) {
    case 'ui.progress':
      return [`progress: ${command.stage}`];
    case 'ui.scheduled':
      return ['notice: the profile will be installed later'];
    case 'ui.toast':
      return ['toast: ready to download'];
    case 'ui.confirmationCode':
      return ['confirmation code prompt'];
    case 'ui.returnToApp':
      return ['the Mobile Plans app (portal closed)'];
    default:
      return [];
  }
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
