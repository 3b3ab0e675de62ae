import type { DeadlineDefinition, OneOrMany, TimerTransitionDefinition } from '../../machines/definition';
import type { FlowName } from '../../machines/types';
import { GENERATIONS, entryPointsOf, signature } from './entryPoints';
import { actionLabel, describeFlow, guardLabel, type FlowGraph } from './machineGraph';
import { mainPath, type MainPath } from './mainPath';
import { code, document, fenced, generatedBanner, table } from './markdown';
import { sequenceDiagram } from './sequenceDiagram';
import { commandLabel, commandsOf, entryCommandsOf, stateView } from './stateEffects';
import { stateDiagram } from './stateDiagram';
import { exportedConstDoc } from './tsdoc';

/** The machine's source file, relative to the repository root. */
export function machineSource(flow: FlowName): string {
  return `machines/${flow}.ts`;
}

/**
 * A flow's name for readers: `inlineDownload` → `Inline download`.
 *
 * @param flow - a flow name
 */
export function flowTitle(flow: FlowName): string {
  const words = flow.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The document of one flow, `docs/flows/<flow>.md`: entry points, state diagram, the main path
 * as a sequence diagram, what the user sees in each state, and each state's inputs and commands.
 * Everything is derived from the machine, the core and the portal bridge.
 *
 * @param flow - the flow to document
 * @param root - the repository root, where the machine's source is read for its description
 */
export function flowDocument(flow: FlowName, root: string): string {
  const graph = describeFlow(flow);
  const path = mainPath(flow);
  const description = exportedConstDoc(`${root}/${machineSource(flow)}`, `${flow}Flow`);
  return document([
    generatedBanner(machineSource(flow)),
    `# ${flowTitle(flow)} (${code(flow)})`,
    description ?? '',
    'Back to [the overview](../index.md) · [portal API reference](../portal-api.md)',
    '## Entry points',
    'The generations are labelled as in the [decision records](../decisions.md) (D9 on aliases).',
    entryPointTable(flow),
    '## State diagram',
    'Every state and transition of the machine, each edge labelled `input [guard]`. A loop is a transition that stays in its state.',
    fenced('mermaid', stateDiagram(graph)),
    '## Main path',
    mainPathIntro(path),
    fenced('mermaid', sequenceDiagram(path)),
    '## States',
    'What the user sees comes from the commands the state\'s entry actions and incoming transitions emit. Callbacks reach the portal only while it is open; after a return to the app they are kept in the operation\'s history and its report. A deadline counts its timing from the moment the state is entered (`delay`: the operation\'s rounded delay or interval; the others: the host\'s `FlowTiming`) and names where the flow goes once it passes.',
    stateTable(graph),
    '## Inputs',
    'Each state\'s inputs in the order the machine tries them: the first candidate whose guard holds is taken. An input a state does not list is ignored.',
    inputTable(graph),
    '## Commands',
    'The commands the core emits when an operation enters or leaves each state (computed by the core from the entry and exit actions).',
    commandTable(graph),
  ]);
}

function entryPointTable(flow: FlowName): string {
  const rows = entryPointsOf(flow).map((e) => [
    e.generations.map((g) => GENERATIONS[g]).join(', '),
    code(signature(e)),
    e.params.map((p) => `${code(p.name)}: ${p.type}${p.optional ? ' (optional)' : ''}`).join('; '),
    e.note,
  ]);
  return table(['Generation', 'Call', 'Parameters', 'Note'], rows);
}

function mainPathIntro(path: MainPath): string {
  const lines = [
    `The path to ${code(path.scenario.success)}: ${path.scenario.summary}. It is not drawn by hand: the shortest path to that state is found in the machine (xstate/graph), and the real core is stepped along it; every arrow is an input the core received or a command it emitted.`,
  ];
  if (path.divergence !== null) lines.push(`> **Warning:** the core does not follow the model on this path: ${path.divergence}.`);
  return lines.join('\n\n');
}

function stateTable(graph: FlowGraph): string {
  const rows = graph.states.map((s) => {
    const view = stateView(graph, s);
    const hears = view.portalHears.length === 0 ? '' : `${view.portalHears.join(', ')}${view.portalOpen ? '' : ' (portal closed: kept in the report)'}`;
    return [
      code(s.name),
      s.initial ? 'initial' : s.final ? 'final' : '',
      view.userSees.join('; '),
      hears,
      view.cancellable ? 'yes' : 'no',
      s.deadline === null ? '' : deadlineLabel(s.deadline),
      view.outcome === null ? '' : code(view.outcome),
    ];
  });
  return table(['State', 'Kind', 'The user sees', 'The portal hears', 'Cancel possible', 'Deadline', 'Outcome reported'], rows);
}

const listOf = <T>(items: OneOrMany<T> | undefined): readonly T[] => (items === undefined ? [] : Array.isArray(items) ? items : [items as T]);

/** A state's deadline as its row reads: `registrationTimeout`, then `waitingToRegister` [guard], else `notConnected`. */
function deadlineLabel(deadline: DeadlineDefinition): string {
  const first = listOf<TimerTransitionDefinition>(deadline.first).map((t) => `${t.target === undefined ? 'stays' : code(t.target)} [${code(guardLabel(t.guard))}]`);
  return `${code(deadline.after)}, then ${[...first, code(deadline.target)].join(', else ')}`;
}

function inputTable(graph: FlowGraph): string {
  const rows = graph.states.flatMap((s) =>
    s.transitions.map((t) => [
      code(s.name),
      code(t.event),
      t.guard === null ? '' : code(t.guard),
      t.leaves ? code(t.target) : `stays in ${code(t.target)}`,
      t.actions.map((a) => code(actionLabel(a))).join(', '),
    ]),
  );
  return table(['State', 'Input', 'Guard', 'Next state', 'Actions'], rows);
}

function commandTable(graph: FlowGraph): string {
  const rows = graph.states.map((s) => [
    code(s.name),
    entryCommandsOf(graph.flow, s.name).map((c) => code(commandLabel(c))).join(', '),
    commandsOf(graph.flow, s.name, s.exit).map((c) => code(commandLabel(c))).join(', '),
  ]);
  return table(['State', 'On entry', 'On exit'], rows);
}

