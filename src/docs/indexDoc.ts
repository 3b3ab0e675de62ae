import { FLOW_NAMES } from '../../machines/index';
import { entryPointsOf } from './entryPoints';
import { flowTitle } from './flowDoc';
import { describeFlow } from './machineGraph';
import { code, document, generatedBanner, table } from './markdown';
import { stateView } from './stateEffects';

/**
 * `docs/index.md`: the overview. It links every flow document, the portal reference, the
 * simulator guide, the host integration guide and the decision records, and says how to build
 * the TypeDoc API reference (not committed, so not linked).
 */
export function indexDocument(): string {
  return document([
    generatedBanner('machines/index.ts'),
    '# mobile-plans-fulfillment documentation',
    'The host side of the Mobile Plans eSIM fulfillment contract: a mobile operator\'s portal hands a purchase back to the host through JavaScript objects on the page; the host downloads, enables and connects the eSIM profile and reports back. Each hand-off becomes an **operation** that follows one flow, a statechart in `machines/`, and ends with exactly one report.',
    '## For portal developers',
    [
      '- [Portal API reference](portal-api.md): every object and method of every generation, the callback arguments, the enum objects, the activation errors and the diagnostics.',
      '- [The simulator](simulator.md): run a portal page against a simulated device (`MobilePlansSim.start`), drive it from the console or the portal\'s own tests, read what it prints, and check a portal with `mobile-plans lint-portal`.',
    ].join('\n'),
    '## For host developers',
    [
      '- [Host integration guide](host-guide.md): implement `Effects`, persist, restore, wire the scheduler; a complete minimal host.',
      '- [The portal in a web view](webview.md): the page script and `createWebViewEndpoint`, one transport per web view (WebView2, WKWebView, Android, Electron, CDP) with the native code, and the reference host.',
      '- API reference: the TypeDoc of the public modules is not committed; `npm run docs:api` builds it into `docs/api/` (open `docs/api/index.html`).',
    ].join('\n'),
    '## Why it works this way',
    '[Decision records](decisions.md): every decision the code relies on (delay rounding, metadata that never blocks, origins, the activation code grammar, the core\'s own interpreter, ...) with its reason.',
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
