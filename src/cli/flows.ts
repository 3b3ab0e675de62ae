import type { FlowName } from '../../machines/types';
import type { PortalCall } from '../core/inputs';
import { luhnCheckDigit } from '../sim/device/index';

/** Which portal parameter carries a flow's delay, when it has one. */
export type DelayParameter = 'downloadDelay' | 'networkRegistrationInterval' | 'profileDownloadDelayInterval';

/** Which LPA call `--outcome` scripts for a flow (the first one that can fail it). */
export type OutcomeTarget = 'download' | 'enable' | null;

/** What the simulated portal hands off, with the values a flow needs. */
export interface HandOffValues {
  readonly activationCode: string;
  readonly delayMinutes: number;
  readonly iccid: string;
  readonly transactionId: string;
}

/** One flow as the CLI knows it: names, the hand-off that starts it, and what can be scripted. */
export interface FlowSpec {
  readonly name: FlowName;
  /** Short names accepted on the command line (`inline`, `delayed`, ...). */
  readonly aliases: readonly string[];
  /** One line for headers and `--help`. */
  readonly title: string;
  /** The delay parameter and its default in minutes, or null when the flow has none. */
  readonly delay: { readonly parameter: DelayParameter; readonly defaultMinutes: number } | null;
  readonly outcomeTarget: OutcomeTarget;
  /** Whether the flow starts with a profile on the eUICC (balance addition switches to it). */
  readonly needsInstalledProfile: boolean;
  /** The portal call that starts the flow. */
  readonly handOff: (values: HandOffValues) => PortalCall;
}

/** The activation code the simulated portal hands off; its matching ID never appears in output. */
export const SIMULATED_ACTIVATION_CODE = '1$smdp.example.com$CLI-MATCHING-ID-0001';

/** The transaction id the simulated portal is launched with. */
export const SIMULATED_TRANSACTION_ID = 'TX-CLI-0001';

/** A Luhn-valid ICCID already on the simulated eUICC, disabled, for balance addition. */
export const INSTALLED_ICCID = `8988247000000000099${luhnCheckDigit('8988247000000000099')}`;

/** Complete purchase metadata, as the spec's examples set it. */
export const COMPLETE_METADATA = Object.freeze({
  userAccount: 'New',
  purchaseInstrument: 'New',
  lineType: 'New',
  moDirectStatus: 'Complete',
  planName: '2GB Monthly',
});

/** Metadata of a purchase the user abandoned (spec: "Canceling purchase flow"). */
export const CANCELLED_METADATA = Object.freeze({
  userAccount: 'New',
  purchaseInstrument: 'New',
  line: 'Bailed',
  moDirectStatus: 'Cancelled',
  planName: '',
});

/** Every flow of the spec, in the order the docs present them. */
export const FLOWS: readonly FlowSpec[] = [
  {
    name: 'inlineDownload',
    aliases: ['inline'],
    title: 'inline download: MobilePlansInlineOperations.notifyProfileDownload(md, code)',
    delay: null,
    outcomeTarget: 'download',
    needsInstalledProfile: false,
    handOff: ({ activationCode }) => ({ kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata: COMPLETE_METADATA, activationCode }),
  },
  {
    name: 'delayedDownload',
    aliases: ['delayed'],
    title: 'delayed download: MobilePlansInlineOperations.notifyProfileDownload(md, code, downloadDelay)',
    delay: { parameter: 'downloadDelay', defaultMinutes: 15 },
    outcomeTarget: 'download',
    needsInstalledProfile: false,
    handOff: ({ activationCode, delayMinutes }) => ({
      kind: 'profileDownload',
      entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload',
      metadata: COMPLETE_METADATA,
      activationCode,
      downloadDelay: delayMinutes,
    }),
  },
  {
    name: 'asyncConnectivity',
    aliases: ['async'],
    title: 'asynchronous connectivity: MobilePlans.notifyPurchaseWithProfileDownload(md, code, interval)',
    delay: { parameter: 'networkRegistrationInterval', defaultMinutes: 15 },
    outcomeTarget: 'download',
    needsInstalledProfile: false,
    handOff: ({ activationCode, delayMinutes }) => ({
      kind: 'purchaseWithProfileDownload',
      entryPoint: 'MobilePlans.notifyPurchaseWithProfileDownload',
      metadata: COMPLETE_METADATA,
      activationCode,
      networkRegistrationInterval: delayMinutes,
    }),
  },
  {
    name: 'delayedProfile',
    aliases: ['smds', 'sm-ds', 'delayed-profile'],
    title: 'delayed profile via SM-DS: DataMart.notifyPurchaseDelayedProfile(md, interval)',
    delay: { parameter: 'profileDownloadDelayInterval', defaultMinutes: 15 },
    outcomeTarget: 'download',
    needsInstalledProfile: false,
    handOff: ({ delayMinutes }) => ({
      kind: 'delayedProfile',
      entryPoint: 'DataMart.notifyPurchaseDelayedProfile',
      metadata: COMPLETE_METADATA,
      profileDownloadDelayInterval: delayMinutes,
    }),
  },
  {
    name: 'balanceAddition',
    aliases: ['balance'],
    title: 'balance addition: MobilePlansInlineOperations.notifyBalanceAddition(md, iccid)',
    delay: null,
    outcomeTarget: 'enable',
    needsInstalledProfile: true,
    handOff: ({ iccid }) => ({ kind: 'balanceAddition', entryPoint: 'MobilePlansInlineOperations.notifyBalanceAddition', metadata: COMPLETE_METADATA, iccid }),
  },
  {
    name: 'cancelledPurchase',
    aliases: ['cancel', 'cancelled'],
    title: 'cancelled purchase: MobilePlans.notifyCancelledPurchase(md)',
    delay: null,
    outcomeTarget: null,
    needsInstalledProfile: false,
    handOff: () => ({ kind: 'cancelledPurchase', entryPoint: 'MobilePlans.notifyCancelledPurchase', metadata: CANCELLED_METADATA }),
  },
  {
    name: 'legacyResult',
    aliases: ['legacy'],
    title: 'legacy result: DataMart.notifyPurchaseResult(payload)',
    delay: null,
    outcomeTarget: 'download',
    needsInstalledProfile: false,
    handOff: ({ activationCode, transactionId }) => ({
      kind: 'purchaseResult',
      entryPoint: 'DataMart.notifyPurchaseResult',
      payload: JSON.stringify({
        ver: '1',
        success: true,
        purchaseResult: JSON.stringify({ userAccount: 'New', purchaseInstrument: 'New', line: 'New', moDirectStatus: 'Complete', planName: '2GB Monthly' }),
        transactionId,
        activationCode,
      }),
    }),
  },
];

/**
 * The flow a command-line name stands for: a flow name (any case) or one of its aliases.
 *
 * @param name - what the user typed, e.g. `delayed` or `delayedDownload`
 * @returns the flow, or undefined when no flow has that name
 * @example findFlow('smds')?.name // 'delayedProfile'
 */
export function findFlow(name: string): FlowSpec | undefined {
  const wanted = name.trim().toLowerCase();
  return FLOWS.find((flow) => flow.name.toLowerCase() === wanted || flow.aliases.includes(wanted));
}

/** Every accepted flow name, as `inlineDownload (inline)`, for messages and help. */
export function flowNamesForHelp(): string {
  return FLOWS.map((flow) => `${flow.name} (${flow.aliases.join(', ')})`).join(', ');
}
