import { ACTIVATION_ERROR_DESCRIPTIONS } from '../descriptions/index';
import { ACTIVATION_ERRORS, ENUM_OBJECTS, METADATA_FIELDS, MO_DIRECT_STATUSES, REQUIRED_METADATA_FIELDS, USER_ACCOUNTS, type MetadataField } from '../domain/index';
import { INLINE_OPERATION_OBJECTS, METADATA_FACTORY_OBJECTS, PORTAL_OBJECTS } from '../portal/entryPoints';
import { LAUNCH_PARAMETERS } from '../portal/launch';
import { CALLBACK_ARGS } from './callbackArgs';
import { GENERATIONS, entryPoints, generationsOf, signature, type EntryPointDoc, type Generation } from './entryPoints';
import { flowTitle } from './flowDoc';
import { mainPath } from './mainPath';
import { code, document, fenced, generatedBanner, table } from './markdown';
import { unionMemberDocs } from './tsdoc';

/** The sources `docs/portal-api.md` is generated from. */
export const PORTAL_API_SOURCES = 'src/portal/entryPoints.ts, src/portal/launch.ts, src/docs/entryPoints.ts, src/domain/enums.ts, src/domain/activationErrorDescriptions.ts and src/domain/diagnostics.ts';

const ENUM_VALUES: Readonly<Record<Exclude<MetadataField, 'planName'>, readonly string[]>> = {
  userAccount: USER_ACCOUNTS,
  purchaseInstrument: USER_ACCOUNTS,
  lineType: USER_ACCOUNTS,
  moDirectStatus: MO_DIRECT_STATUSES,
};

const generationList = (gens: readonly Generation[]) => gens.map((g) => GENERATIONS[g]).join(', ');

/**
 * `docs/portal-api.md`: the reference a portal developer reads. Every object and method of
 * every generation with parameters and return values, the callback argument shapes, every
 * enum object, the activation errors with what to do about them, and the diagnostics.
 *
 * @param root - the repository root (the diagnostics' descriptions are read from their source)
 */
export function portalApiDocument(root: string): string {
  return document([
    generatedBanner(PORTAL_API_SOURCES),
    '# Portal API reference',
    'The JavaScript objects a mobile operator\'s portal calls from inside the Mobile Plans web view to hand a purchase back to the host. Every generation of the contract is accepted: the 2018 `DataMart*` objects, the current `MobilePlans*` objects, and the legacy `DataMart.notifyPurchaseResult`. Each member is labelled with the generations that document it; the [decision records](decisions.md) say what each label covers, why a few aliases are accepted (D9), and the reasons behind the rules below. Back to [the overview](index.md).',
    '## Rules every call follows',
    [
      '- **Origin.** A call counts only from an `https` page whose host is in the operator\'s allow-list (exact host or an explicit `*.` wildcard; the path does not matter). Any other page gets a `MobilePlansSecurityError` thrown and nothing starts. This is the only exception ever thrown into the portal ([D7](decisions.md#d7-origins-https-on-an-allowed-host-or-nothing-starts)).',
      '- **Arguments** are copied into plain data at the call. Bad input never throws: it ends the operation with an activation error (`invalidActivationCode`, `invalidIccid`, `invalidJson`) or returns `null` with a diagnostic (an invalid delay, for example) ([D18](decisions.md#d18-the-portal-bridge-copies-arguments-and-refuses-what-it-cannot-copy)).',
      '- **Metadata** is for reporting: problems in it become diagnostics and never block a fulfilment ([D2](decisions.md#d2-metadata-is-for-reporting-and-never-blocks-a-fulfilment)).',
      '- **Delays** (`downloadDelay`, `networkRegistrationInterval`, `profileDownloadDelayInterval`) are whole minutes (integers or integer strings, up to 30 days), rounded up to the next 15 minutes; 0 means now ([D1](decisions.md#d1-delays-round-up-to-the-background-timer-granularity)).',
      '- **Same activation code twice:** while the first operation is unfinished, a second hand-off of the same code returns the first operation\'s context; nothing downloads twice.',
    ].join('\n'),
    '## Launch parameters',
    'The host opens the portal URL (`https`, on the operator\'s allowed hosts) with these parameters, built and checked by `portalLaunch({ portalUrl, allowedHosts, ... })` from the root entry point; the portal must ignore parameters it does not know ([D30](decisions.md#d30-the-portal-launch-is-built-and-checked-by-portallaunch)).',
    table(['Parameter', 'Sent as', 'Value'], LAUNCH_PARAMETERS.map((p) => [code(p.name), p.where === 'query' ? 'query parameter' : 'request header', p.rule])),
    '## Objects',
    objectTable(),
    ...PORTAL_OBJECTS.flatMap(objectSection),
    '## Purchase metadata',
    'Create it with `createPurchaseMetaData()` and set its fields. Keys and values are matched case-insensitively; `line` is the 2018 name of `lineType` and `modirectStatus` is accepted for `moDirectStatus`.',
    table(
      ['Field', 'Required', 'Values'],
      METADATA_FIELDS.map((f) => [
        code(f),
        REQUIRED_METADATA_FIELDS.includes(f) ? 'yes' : 'no',
        f === 'planName' ? 'A descriptive plan name when `moDirectStatus` is `Complete`; an empty string otherwise.' : ENUM_VALUES[f].map((v) => code(v)).join(', '),
      ]),
    ),
    '## MobilePlansOperationContext',
    'What a hand-off returns, and what `notifyOperationCancel` takes: a frozen object `{ id: string }`, the unique id the host gave the operation (`Id`, the spelling of the spec\'s table, is an alias). A hand-off that started nothing returns `null`.',
    '## Callback arguments',
    'Set a callback script on any of the inline-operations objects (they share one store): a function (2018-11 documents) or the name of a global function, plain or dotted (`"onActivationComplete"`, `"portal.onDone"`; current documents). Names are looked up on the page when the callback is due, never evaluated. Each callback receives one string argument: the JSON of the shape below. Callbacks are delivered while the portal is open; after it closes they are kept in the operation\'s report.',
    ...CALLBACK_ARGS.flatMap((c) => [
      `### ${c.typeName}`,
      `Passed to ${code(c.slot)} ${c.when}.`,
      table(['Property', 'Type', 'Description'], c.properties.map((p) => [code(p.name), p.type, p.description])),
    ]),
    'As the inline download\'s main path delivers them (generated by the core):',
    fenced('js', callbackExamples()),
    '## Enum objects',
    'Installed on the page with lowercase keys mapping to the spec\'s strings. Objects listed together are the same object.',
    ...enumSections(),
    '## Activation errors',
    'The values of `activationResult` (`MobilePlansActivationError`, `DataMartActivationErrors`: the union of both generations\' lists) and what the portal should do about each.',
    table(
      ['Value', 'Meaning', 'What the portal should do'],
      ACTIVATION_ERRORS.map((e) => [code(e), ACTIVATION_ERROR_DESCRIPTIONS[e].meaning, ACTIVATION_ERROR_DESCRIPTIONS[e].portalAction]),
    ),
    '## Diagnostics',
    'Problems the host finds in what the portal sends, and failures of the host\'s own effects. They never stop a fulfilment: each goes into the operation\'s report and the simulator prints it as it happens, with a severity (`error` breaks a spec rule, `warning` is a tolerated deviation), the field at fault and a message saying what to fix.',
    table(['Code', 'Meaning'], unionMemberDocs(`${root}/src/domain/diagnostics.ts`, 'DiagnosticCode').map((d) => [code(d.value), d.doc ?? ''])),
  ]);
}

function objectTable(): string {
  const rows = PORTAL_OBJECTS.map((object) => {
    const members = membersOf(object);
    const gens = [...new Set(members.flatMap((m) => m.generations))].sort((a, b) => order(a) - order(b));
    return [`[${code(object)}](#${object.toLowerCase()})`, generationList(gens), members.map((m) => code(m.member)).join(', ')];
  });
  return table(['Object', 'Generations', 'Members'], rows);
}

const order = (g: Generation) => Object.keys(GENERATIONS).indexOf(g);

interface Member {
  readonly member: string;
  readonly generations: readonly Generation[];
}

function membersOf(object: string): Member[] {
  const methods = [...new Set(entryPoints().filter((e) => e.object === object).map((e) => e.method))];
  const factory = (METADATA_FACTORY_OBJECTS as readonly string[]).includes(object) ? ['createPurchaseMetaData'] : [];
  const slots = (INLINE_OPERATION_OBJECTS as readonly string[]).includes(object) ? CALLBACK_ARGS.map((c) => c.slot) : [];
  return [...factory, ...methods, ...slots].map((member) => ({ member, generations: generationsOf(`${object}.${member}`) }));
}

function objectSection(object: string): string[] {
  const parts = [`### ${object}`];
  if ((METADATA_FACTORY_OBJECTS as readonly string[]).includes(object)) {
    parts.push(
      `#### ${code(`${object}.createPurchaseMetaData()`)}`,
      `${generationList(generationsOf(`${object}.createPurchaseMetaData`))}. Returns a new, empty purchase metadata object for the portal to fill in (see [Purchase metadata](#purchase-metadata)).`,
    );
  }
  for (const entry of entryPoints().filter((e) => e.object === object)) parts.push(...methodSection(entry));
  if ((INLINE_OPERATION_OBJECTS as readonly string[]).includes(object)) {
    for (const c of CALLBACK_ARGS) {
      parts.push(
        `#### ${code(`${object}.${c.slot}`)}`,
        `${generationList(generationsOf(`${object}.${c.slot}`))}. A property: the function, or the name of the global function, to call with a [${c.typeName}](#${c.typeName.toLowerCase()}) JSON string.`,
      );
    }
  }
  return parts;
}

function methodSection(entry: EntryPointDoc): string[] {
  const flows = entry.flows.map((f) => `[${flowTitle(f).toLowerCase()}](flows/${f}.md)`).join(', ');
  const verb = entry.method === 'notifyOperationCancel' ? 'Cancels' : 'Starts';
  return [
    `#### ${code(signature(entry))}`,
    `${generationList(entry.generations)}. ${verb}: ${flows}.${entry.note === '' ? '' : ` ${entry.note}`}`,
    table(['Parameter', 'Type', 'Required', 'Description'], entry.params.map((p) => [code(p.name), p.type, p.optional ? 'no' : 'yes', p.description])),
    `Returns ${entry.returns}.`,
  ];
}

function callbackExamples(): string {
  const path = mainPath('inlineDownload');
  const calls = path.exchanges.flatMap((e) => e.commands).flatMap((c) => (c.type === 'portal.callback' ? [c] : []));
  const slot = (script: string) => CALLBACK_ARGS.find((a) => a.script === script)?.slot ?? script;
  return calls.map((c) => `// the function set as ${slot(c.script)} receives\n'${c.args.replace(/[\\']/g, '\\$&')}'`).join('\n');
}

function enumSections(): string[] {
  const groups = new Map<object, string[]>();
  for (const [name, value] of Object.entries(ENUM_OBJECTS)) groups.set(value, [...(groups.get(value) ?? []), name]);
  return [...groups.entries()].flatMap(([value, names]) => [
    `### ${names.map((n) => code(n)).join(', ')}`,
    table(['Key', 'Value'], Object.entries(value as Record<string, string>).map(([k, v]) => [code(k), code(JSON.stringify(v))])),
  ]);
}
