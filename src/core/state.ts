import type { FlowContext, FlowName, FlowTiming } from '../../machines/types';
import type { Diagnostic } from '../domain/diagnostics';
import type { PurchaseMetadata } from '../domain/metadata';
import type { CallbackRecord, LpaCommand, Report } from './commands';

/** The version of the persisted document this code writes and reads. */
export const STATE_VERSION = 1;

/** Host configuration the core needs: delay rounding and flow timing. */
export interface CoreConfig {
  /** Delays are rounded up to a multiple of this many minutes (DESIGN decision 1). */
  readonly delayGranularityMinutes: number;
  readonly timing: FlowTiming;
  /** Finished operations kept (for listing and late cancels) before the oldest are dropped. */
  readonly retainFinished: number;
  /** Registration-change callbacks kept per operation; the oldest are dropped past this. */
  readonly maxCallbackHistory: number;
}

const MINUTE = 60_000;

/** The defaults: 15-minute rounding, 5 minutes to register, four attempts 15 minutes apart. */
export const DEFAULT_CONFIG: CoreConfig = {
  delayGranularityMinutes: 15,
  timing: {
    registrationTimeoutMs: 5 * MINUTE,
    registrationRetryMs: 15 * MINUTE,
    maxRegistrationAttempts: 4,
    discoveryRetryMs: 15 * MINUTE,
    maxDiscoveryAttempts: 4,
    maxConfirmationAttempts: 3,
    toastLifetimeMs: 24 * 60 * MINUTE,
    awaitingUserLifetimeMs: 7 * 24 * 60 * MINUTE,
  },
  retainFinished: 100,
  maxCallbackHistory: 20,
};

/** One operation in flight: its flow machine's snapshot and what the report needs. */
export interface OperationRecord {
  readonly id: string;
  readonly flow: FlowName;
  readonly entryPoint: string;
  readonly transactionId: string | null;
  readonly createdAt: number;
  readonly metadata: PurchaseMetadata;
  readonly diagnostics: Diagnostic[];
  /** The machine's state value and context: all the flow needs to resume. */
  value: string;
  context: FlowContext;
  callbacks: CallbackRecord[];
}

/** What is kept of a finished operation. */
export interface FinishedRecord {
  readonly id: string;
  readonly flow: FlowName;
  readonly value: string;
  readonly report: Report;
}

/** Credentials, kept apart from everything printable. Hosts may encrypt this part at rest. */
export interface Secrets {
  /** The activation code (and confirmation code, once given) of each live operation. */
  readonly operations: Record<string, { activationCode?: string; confirmationCode?: string }>;
  /** Canonical activation code → the live operation downloading it (same-code idempotency). */
  readonly owners: Record<string, string>;
}

/**
 * The whole state of the core, and also its persisted document: plain JSON, versioned.
 * `step` takes ownership of the state it is given and returns the next one (it may update
 * the given one in place, so that a step costs the same with 1 or 10,000 operations alive);
 * clone it first (`cloneState`) to keep an earlier state.
 */
export interface CoreState {
  readonly version: typeof STATE_VERSION;
  config: CoreConfig;
  transactionId: string | null;
  portalOpen: boolean;
  nextOperationNumber: number;
  operations: Record<string, OperationRecord>;
  finished: Record<string, FinishedRecord>;
  /** The LPA: the operation whose command is running, and the commands waiting their turn. */
  lpa: { active: string | null; queue: LpaCommand[] };
  /** ICCID → live operations following that profile's registration. */
  followers: Record<string, string[]>;
  secrets: Secrets;
}

/** A fresh state, with configuration merged over the defaults. */
export function createState(config: Partial<Omit<CoreConfig, 'timing'>> & { timing?: Partial<FlowTiming> } = {}): CoreState {
  return {
    version: STATE_VERSION,
    config: { ...DEFAULT_CONFIG, ...config, timing: { ...DEFAULT_CONFIG.timing, ...config.timing } },
    transactionId: null,
    portalOpen: true,
    nextOperationNumber: 1,
    operations: {},
    finished: {},
    lpa: { active: null, queue: [] },
    followers: {},
    secrets: { operations: {}, owners: {} },
  };
}

/** A deep copy, for callers that keep earlier states (model exploration, undo). */
export function cloneState(state: CoreState): CoreState {
  return JSON.parse(JSON.stringify(state)) as CoreState;
}
