import { FLOW_NAMES } from '../../machines/index';
import type { FlowName } from '../../machines/types';
import { describeFlow } from './machineGraph';
import { CANCEL_ENTRY_POINT, HAND_OFF_ENTRY_POINTS, type HandOffEntryPoint } from '../portal/entryPoints';

/*
 * The portal entry points of every generation, as the docs present them. The list of entry
 * points and their parameter names come from the portal bridge (`src/portal/entryPoints.ts`);
 * what the bridge does not know — which spec generation documents each one, and each
 * parameter's type and meaning — is added here from the spec.
 */

/** A generation of the contract, or the aliases this host accepts (decision D9, docs/decisions.md). */
export type Generation = 'draft' | '2018-11' | 'current' | 'legacy' | 'design';

/** How each generation is labelled in the docs, oldest first; docs/decisions.md says what each label covers. */
export const GENERATIONS: Readonly<Record<Generation, string>> = {
  draft: '2018-09 draft',
  '2018-11': '2018-11',
  current: 'current',
  legacy: 'legacy notifications',
  design: 'alias accepted by this host',
};

/** A parameter as the spec documents it. */
export interface ParameterDoc {
  /** The spec's parameter name. */
  readonly name: string;
  /** The spec's type column, e.g. `String`, `Object`, `Unsigned integer`. */
  readonly type: string;
  /** Whether the portal may leave it out. */
  readonly optional: boolean;
  /** What the host does with it. */
  readonly description: string;
}

/** An entry point that starts (or cancels) a flow: where it lives, its parameters, and the flows. */
export interface EntryPointDoc {
  /** `Object.method`, as the portal calls it. */
  readonly name: string;
  /** The page object, e.g. `MobilePlansInlineOperations`. */
  readonly object: string;
  /** The method's name. */
  readonly method: string;
  /** Its parameters in the spec's order. */
  readonly params: readonly ParameterDoc[];
  /** Which documents define it. */
  readonly generations: readonly Generation[];
  /** What it returns to the portal. */
  readonly returns: string;
  /** The flows it starts; for `notifyOperationCancel`, the flows it can cancel. */
  readonly flows: readonly FlowName[];
  /** When it starts which flow, if it depends on the arguments. */
  readonly note: string;
}

/** The spec's type and description of every parameter name the portal bridge uses. */
export const PARAMETER_DOCS: Readonly<Record<string, Omit<ParameterDoc, 'name' | 'optional'>>> = {
  purchaseMetadata: {
    type: 'Object',
    description: 'The object from `createPurchaseMetaData()` with `userAccount`, `purchaseInstrument`, `line`/`lineType`, `moDirectStatus`, `planName`. Used for reporting only: problems become diagnostics, never a refusal.',
  },
  activationCode: {
    type: 'String',
    description: 'The SGP.22 activation code of the eSIM profile: `1$<SM-DP+ address>$<matching ID>`, optionally `$<OID>` and `$1` (confirmation code required) or `$0` (not required); an `LPA:` prefix is accepted. The ICCID is learnt from the profile.',
  },
  downloadDelay: {
    type: 'uint',
    description: 'Minutes to wait before the download; rounded up to the next 15 minutes (the host may configure another step). Absent or 0 is an inline download.',
  },
  networkRegistrationInterval: {
    type: 'Unsigned integer',
    description: 'Minutes the operator needs to provision connectivity; the app registers after this interval, rounded up to the next 15 minutes. 0 registers at once.',
  },
  profileDownloadDelayInterval: {
    type: 'Unsigned integer',
    description: 'Minutes until the profile is ready on SM-DS; the app discovers and downloads it after this interval, rounded up to the next 15 minutes.',
  },
  iccid: {
    type: 'String',
    description: 'The ICCID the balance is for; when it names a profile on the eUICC that is not active, the app enables that profile.',
  },
  payload: {
    type: 'String (JSON)',
    description: 'The v1 result: `JSON.stringify({ ver: "1", success, purchaseResult, transactionId, activationCode, iccid })` (decision D10 in docs/decisions.md).',
  },
  operationContext: {
    type: 'Object (MobilePlansOperationContext)',
    description: 'The `{ id }` a hand-off returned.',
  },
};

/** Which documents define each `Object.method`; anything the bridge has beyond these is an alias (decision D9). */
export const SPEC_GENERATIONS: Readonly<Record<string, readonly Generation[]>> = {
  'DataMart.notifyPurchaseWithProfileDownload': ['draft', '2018-11'],
  'DataMart.notifyPurchaseDelayedProfile': ['2018-11'],
  'DataMart.notifyBalanceAddition': ['2018-11'],
  'DataMart.notifyCancelledPurchase': ['2018-11'],
  'DataMart.notifyPurchaseResult': ['legacy'],
  'DataMartInlineProfile.notifyInlineProfileDownload': ['2018-11'],
  'MobilePlans.notifyPurchaseWithProfileDownload': ['current'],
  'MobilePlans.notifyCancelledPurchase': ['current'],
  'MobilePlansInlineOperations.notifyProfileDownload': ['current'],
  'MobilePlansInlineOperations.notifyBalanceAddition': ['current'],
  'MobilePlansInlineOperations.notifyOperationCancel': ['current'],
  'DataMart.createPurchaseMetaData': ['draft', '2018-11'],
  'MobilePlans.createPurchaseMetaData': ['current'],
  // The callback-script slots: function references in 2018-11, global function names now.
  'DataMartInlineProfile.registrationChangedScript': ['2018-11'],
  'DataMartInlineProfile.profileActivationCompleteScript': ['2018-11'],
  'MobilePlansInlineOperations.registrationChangedScript': ['current'],
  'MobilePlansInlineOperations.profileActivationCompleteScript': ['current'],
  'MobilePlansInlineProfileDownload.registrationChangedScript': ['current'],
  'MobilePlansInlineProfileDownload.profileActivationCompleteScript': ['current'],
};

/**
 * The documents that define a member of a portal object, or the alias marker (decision D9).
 *
 * @param name - `Object.member`
 */
export function generationsOf(name: string): readonly Generation[] {
  return SPEC_GENERATIONS[name] ?? ['design'];
}

/** The flows each kind of hand-off can start (the core picks one from the arguments). */
const FLOWS_BY_KIND: Readonly<Record<string, readonly FlowName[]>> = {
  profileDownload: ['inlineDownload', 'delayedDownload'],
  purchaseWithProfileDownload: ['asyncConnectivity'],
  delayedProfile: ['delayedProfile'],
  balanceAddition: ['balanceAddition'],
  cancelledPurchase: ['cancelledPurchase'],
  purchaseResult: ['legacyResult'],
};

const NOTES: Readonly<Record<string, string>> = {
  profileDownload: '`downloadDelay` absent or 0: inline download; more than 0: delayed download.',
  purchaseWithProfileDownload: '',
  delayedProfile: '',
  balanceAddition: 'Without `iccid`: reported, back to the app. With it: done if active, enabled if present, `profileNotPresent` if absent, `invalidIccid` if malformed.',
  cancelledPurchase: '',
  purchaseResult: 'Success with a code: download; success with an ICCID only: balance addition; otherwise a cancelled purchase; unreadable: `invalidJson`.',
};

function parameterDoc(name: string, optional: boolean): ParameterDoc {
  const doc = PARAMETER_DOCS[name];
  if (doc === undefined) throw new Error(`the docs have no type or description for the portal parameter "${name}"; add it to PARAMETER_DOCS`);
  return { name, optional, ...doc };
}

function kindOf(entry: HandOffEntryPoint): string {
  return entry.toCall(`${entry.object}.${entry.method}`, []).kind;
}

function handOffDoc(entry: HandOffEntryPoint): EntryPointDoc {
  const name = `${entry.object}.${entry.method}`;
  const kind = kindOf(entry);
  const hasDelay = entry.params.some((p) => p.name === 'downloadDelay');
  const flows = kind === 'profileDownload' && !hasDelay ? (['inlineDownload'] as const) : (FLOWS_BY_KIND[kind] ?? []);
  return {
    name,
    object: entry.object,
    method: entry.method,
    params: entry.params.map((p) => parameterDoc(p.name, p.optional)),
    generations: generationsOf(name),
    returns: '`MobilePlansOperationContext` `{ id }`, or `null` when nothing was started',
    flows,
    note:
      entry.documentedAs !== undefined
        ? `The capitalised spelling of the 2018-09 prose, which no document defines: accepted as \`${entry.documentedAs}\`, with an \`undocumentedEntryPoint\` warning naming that spelling.`
        : kind === 'profileDownload' && !hasDelay ? '' : (NOTES[kind] ?? ''),
  };
}

/** The flows `notifyOperationCancel` can cancel: those with a state that accepts `portal.cancel`. */
function cancellableFlows(): FlowName[] {
  return FLOW_NAMES.filter((flow) => describeFlow(flow).states.some((s) => s.transitions.some((t) => t.event === 'portal.cancel')));
}

/**
 * Every entry point of every generation that starts or cancels a flow, in the bridge's order,
 * `notifyOperationCancel` last.
 */
export function entryPoints(): EntryPointDoc[] {
  const cancelName = `${CANCEL_ENTRY_POINT.object}.${CANCEL_ENTRY_POINT.method}`;
  return [
    ...HAND_OFF_ENTRY_POINTS.map(handOffDoc),
    {
      name: cancelName,
      object: CANCEL_ENTRY_POINT.object,
      method: CANCEL_ENTRY_POINT.method,
      params: [parameterDoc('operationContext', false)],
      generations: generationsOf(cancelName),
      returns: '`true` when the operation was still inside its cancel window and is now cancelled, else `false`',
      flows: cancellableFlows(),
      note: 'Cancels only before the toast (delayed download) or before discovery starts (delayed profile); never throws into the portal.',
    },
  ];
}

/**
 * The entry points that start a flow.
 *
 * @param flow - a flow name
 */
export function entryPointsOf(flow: FlowName): EntryPointDoc[] {
  return entryPoints().filter((e) => e.flows.includes(flow) && e.method !== CANCEL_ENTRY_POINT.method);
}

/** `Object.method(a, b, [c])`: optional parameters in brackets. */
export function signature(entry: EntryPointDoc): string {
  return `${entry.name}(${entry.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ')})`;
}
