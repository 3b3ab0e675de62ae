import type { Json, PortalCall } from '../core/inputs';
import { ARGUMENT_LIMITS, PAYLOAD_LIMITS, type CopyLimits } from './copy';

/** The page objects the portal API defines, every generation's. */
export const PORTAL_OBJECTS = [
  'DataMart',
  'DataMartInlineProfile',
  'MobilePlans',
  'MobilePlansInlineOperations',
  'MobilePlansInlineProfile',
  'MobilePlansInlineProfileDownload',
] as const;

/** The name of a page object the portal API defines. */
export type PortalObjectName = (typeof PORTAL_OBJECTS)[number];

/** The objects that carry the callback-script slots (one shared store behind them all). */
export const INLINE_OPERATION_OBJECTS: readonly PortalObjectName[] = [
  'DataMartInlineProfile',
  'MobilePlansInlineOperations',
  'MobilePlansInlineProfile',
  'MobilePlansInlineProfileDownload',
];

/** One parameter of an entry point, as the spec names it. */
export interface Parameter {
  readonly name: string;
  /** An optional parameter may be left out; a missing required one is passed on as `null`. */
  readonly optional: boolean;
  readonly limits: CopyLimits;
}

/** A hand-off entry point: where it lives, its parameters in the spec's order, and its call. */
export interface HandOffEntryPoint {
  readonly object: PortalObjectName;
  readonly method: string;
  readonly params: readonly Parameter[];
  /** Build the core's call from the copied arguments, one per parameter (`undefined` = absent). */
  readonly toCall: (entryPoint: string, args: readonly (Json | undefined)[]) => PortalCall;
  /** Set on a misspelling some document uses: the documented `Object.method`, named in a diagnostic at each call. */
  readonly documentedAs?: string;
}

const param = (name: string, optional = false, limits: CopyLimits = ARGUMENT_LIMITS): Parameter => ({ name, optional, limits });
const MD = param('purchaseMetadata');
const AC = param('activationCode');

/** A required argument: absent becomes `null`, which the core diagnoses. */
const req = (value: Json | undefined): Json => (value === undefined ? null : value);

const profileDownload = (object: PortalObjectName, method: string, withDelay: boolean): HandOffEntryPoint => ({
  object,
  method,
  params: withDelay ? [MD, AC, param('downloadDelay', true)] : [MD, AC],
  toCall: (entryPoint, [metadata, activationCode, downloadDelay]) => ({
    kind: 'profileDownload',
    entryPoint,
    metadata: req(metadata),
    activationCode: req(activationCode),
    ...(downloadDelay === undefined ? {} : { downloadDelay }),
  }),
});

const purchaseWithProfileDownload = (object: PortalObjectName, method = 'notifyPurchaseWithProfileDownload'): HandOffEntryPoint => ({
  object,
  method,
  params: [MD, AC, param('networkRegistrationInterval')],
  toCall: (entryPoint, [metadata, activationCode, interval]) => ({
    kind: 'purchaseWithProfileDownload',
    entryPoint,
    metadata: req(metadata),
    activationCode: req(activationCode),
    networkRegistrationInterval: req(interval),
  }),
});

const delayedProfile = (object: PortalObjectName): HandOffEntryPoint => ({
  object,
  method: 'notifyPurchaseDelayedProfile',
  params: [MD, param('profileDownloadDelayInterval')],
  toCall: (entryPoint, [metadata, interval]) => ({ kind: 'delayedProfile', entryPoint, metadata: req(metadata), profileDownloadDelayInterval: req(interval) }),
});

const balanceAddition = (object: PortalObjectName): HandOffEntryPoint => ({
  object,
  method: 'notifyBalanceAddition',
  params: [MD, param('iccid', true)],
  toCall: (entryPoint, [metadata, iccid]) => ({ kind: 'balanceAddition', entryPoint, metadata: req(metadata), ...(iccid === undefined ? {} : { iccid }) }),
});

const cancelledPurchase = (object: PortalObjectName): HandOffEntryPoint => ({
  object,
  method: 'notifyCancelledPurchase',
  params: [MD],
  toCall: (entryPoint, [metadata]) => ({ kind: 'cancelledPurchase', entryPoint, metadata: req(metadata) }),
});

/**
 * Every hand-off entry point of every generation (spec 000, 003, 004 and the legacy
 * notifications), with its parameters in the spec's order.
 */
export const HAND_OFF_ENTRY_POINTS: readonly HandOffEntryPoint[] = [
  profileDownload('MobilePlansInlineOperations', 'notifyProfileDownload', true),
  profileDownload('DataMartInlineProfile', 'notifyInlineProfileDownload', false),
  profileDownload('MobilePlansInlineProfile', 'notifyInlineProfileDownload', false),
  profileDownload('MobilePlansInlineProfileDownload', 'notifyInlineProfileDownload', false),
  purchaseWithProfileDownload('MobilePlans'),
  purchaseWithProfileDownload('DataMart'),
  // The 2018-09 prose capitalises it; no document defines that spelling (decision D34).
  { ...purchaseWithProfileDownload('DataMart', 'NotifyPurchaseWithProfileDownload'), documentedAs: 'DataMart.notifyPurchaseWithProfileDownload' },
  delayedProfile('DataMart'),
  delayedProfile('MobilePlans'),
  balanceAddition('MobilePlansInlineOperations'),
  balanceAddition('MobilePlans'),
  balanceAddition('DataMart'),
  cancelledPurchase('MobilePlans'),
  cancelledPurchase('DataMart'),
  {
    object: 'DataMart',
    method: 'notifyPurchaseResult',
    params: [param('payload', false, PAYLOAD_LIMITS)],
    toCall: (entryPoint, [payload]) => ({ kind: 'purchaseResult', entryPoint, payload: req(payload) }),
  },
];

/** `notifyOperationCancel(operationContext)`: the one entry point that is not a hand-off. */
export const CANCEL_ENTRY_POINT = { object: 'MobilePlansInlineOperations', method: 'notifyOperationCancel' } as const;

/** The objects that get `createPurchaseMetaData()`. */
export const METADATA_FACTORY_OBJECTS: readonly PortalObjectName[] = ['DataMart', 'MobilePlans'];
