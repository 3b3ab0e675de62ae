import { FLOW_NAMES } from '../../machines/index';
import { entryPointsOf } from './entryPoints';
import { flowTitle } from './flowDoc';
import { describeFlow } from './machineGraph';
import { code, document, generatedBanner, table } from './markdown';
import { stateView } from './stateEffects';

/**
 * `docs/index.md`: the overview. It links every flow document, the portal reference, the host
 * integration guide and the TypeDoc API reference.
 */
export function indexDocument(): string {
  return document([
    generatedBanner('machines/index.ts'),
    '# mobile-plans-fulfillment documentation',
    'The host side of the Mobile Plans eSIM fulfillment contract: a mobile operator\'s portal hands a purchase back to the host through JavaScript objects on the page; the host downloads, enables and connects the eSIM profile and reports back. Each hand-off becomes an **operation** that follows one flow, a statechart in `machines/`, and ends with exactly one report.',
    '## For portal developers',
    '- [Portal API reference](portal-api.md): every object and method of every generation, the callback arguments, the enum objects, the activation errors and the diagnostics.',
    '## For host developers',
    [
      '- [Host integration guide](host-guide.md): implement `Effects`, persist, restore, wire the scheduler; a complete minimal host.',
      '- [API reference](api/index.html): TypeDoc of the public modules, built into `docs/api/` by `npm run docs:api` (not committed).',
    ].join('\n'),
    '## Flows',
    'One document per flow: its entry points, a state diagram, the main path as a sequence diagram (lived by the real core), and tables of states, inputs and commands.',
    flowTable(),
    '## Keeping these documents fresh',
    [
      'Everything here except the host guide\'s prose is generated from the code:',
      '',
      '- `npm run docs` regenerates the documents (deterministic: running it twice changes nothing);',
      '- `npm run docs:check` fails, naming the files, when a committed document differs from what the code generates;',
      '- `npm run docs:api` builds the TypeDoc reference.',
    ].join('\n'),
  ]);
}

function flowTable(): string {
  const rows = FLOW_NAMES.map((flow) => {
    const graph = describeFlow(flow);
    const outcomes = [...new Set(graph.states.filter((s) => s.final).map((s) => stateView(graph, s).outcome).filter((o): o is string => o !== null))];
    const starts = [...new Set(entryPointsOf(flow).map((e) => e.method))];
    const cancellable = graph.states.some((s) => stateView(graph, s).cancellable);
    return [`[${flowTitle(flow)}](flows/${flow}.md)`, starts.map((m) => code(m)).join(', '), outcomes.map((o) => code(o)).join(', '), cancellable ? 'yes' : 'no'];
  });
  return table(['Flow', 'Started by', 'Outcomes', 'Cancellable'], rows);
}
