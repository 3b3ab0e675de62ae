import { DEFAULT_TIMING } from '../../machines/definition';
import type { FlowContext, FlowName, FlowTiming } from '../../machines/types';
import type { Diagnostic } from '../domain/diagnostics';
import type { PurchaseMetadata } from '../domain/metadata';
import type { CallbackRecord, LpaCommand, Report } from './commands';
import { emptyMap } from './records';

/**
 * The version of the persisted document this code writes and reads. 2: finished records carry
 * their `sequence` (version 1 documents are migrated, `MIGRATIONS`).
 */
export const STATE_VERSION = 2;

/** Host configuration the core needs: delay rounding and flow timing. */
export interface CoreConfig {
  /** Delays are rounded up to a multiple of this many minutes (decision D1, docs/decisions.md). */
  readonly delayGranularityMinutes: number;
  /** Deadlines, retry intervals and attempt limits the flows use. */
  readonly timing: FlowTiming;
  /** Finished operations kept (for listing and late cancels) before the oldest are dropped. */
  readonly retainFinished: number;
  /** Callbacks kept per operation (history and report); the oldest are dropped past this. */
  readonly maxCallbackHistory: number;
}

/** The defaults: 15-minute rounding, 5 minutes to register, four attempts 15 minutes apart. */
export const DEFAULT_CONFIG: CoreConfig = {
  delayGranularityMinutes: 15,
  timing: DEFAULT_TIMING,
  retainFinished: 100,
  maxCallbackHistory: 20,
};

/** One operation in flight: where its flow stands and what the report needs. */
export interface OperationRecord {
  /** The id the portal holds: drawn from the host's id source (unguessable), or chosen by the caller. */
  readonly id: string;
  /** Which flow machine runs it. */
  readonly flow: FlowName;
  /** The portal function that started it. */
  readonly entryPoint: string;
  /** The portal launch's transaction id when it started; null when none was launched. */
  readonly transactionId: string | null;
  /** When the hand-off created it, epoch ms. */
  readonly createdAt: number;
  /** The purchase metadata, normalized, for the report. */
  readonly metadata: PurchaseMetadata;
  /** Problems found in the hand-off's input, for the report. */
  readonly diagnostics: Diagnostic[];
  /** The portal origin (`https://host[:port]`) whose page started it; only that origin may cancel it. Absent when no page did. */
  readonly origin?: string;
  /** Legacy download only: the ICCID the payload named, compared with the downloaded profile's (decision D40). Absent when it named none. */
  readonly payloadIccid?: string;
  /** The machine's state value and context: all the flow needs to resume. */
  value: string;
  /** The machine's context: deadline, attempts, masked code, ICCID (never credentials). */
  context: FlowContext;
  /** Callbacks raised so far, delivered or kept; at most `maxCallbackHistory`. */
  callbacks: CallbackRecord[];
}

/** What is kept of a finished operation. */
export interface FinishedRecord {
  /** The operation's id; kept so listings show it and a new operation cannot reuse it. */
  readonly id: string;
  /** Which flow ran. */
  readonly flow: FlowName;
  /** The final state it ended in, e.g. `connected` or `expired`. */
  readonly value: string;
  /** The report it ended with. */
  readonly report: Report;
  /**
   * Its place in the order operations finished: higher is newer; retention drops the lowest
   * (decision D64). Kept in the record itself, so a copy, a whole document and incremental
   * records all carry the order; map keys cannot (integer-like ids are listed first).
   */
  readonly sequence: number;
  /**
   * True from the step that finished it until the host says the report effect took it
   * (`report.delivered`): a restart in between sends the report again. Absent: delivered.
   */
  reportPending?: true;
  /**
   * Registration changes its still-open portal may yet hear after the operation connected
   * (decision D41); absent once none are left or the portal closed.
   */
  portalUpdatesLeft?: number;
}

/** Credentials, kept apart from everything printable. Hosts may encrypt this part at rest. */
export interface Secrets {
  /** The activation code (and confirmation code, once given) of each live operation. */
  readonly operations: Record<
    string,
    {
      /** The canonical activation code, in clear; for a delayed profile, set once SM-DS returns it. */
      activationCode?: string;
      /** The code the user typed last; absent until given. */
      confirmationCode?: string;
    }
  >;
  /** Canonical activation code → the live operation downloading it (same-code idempotency). */
  readonly owners: Record<string, string>;
}

/** A command waiting for the LPA, with its place in line (increasing; stored in its operation's record, D55). */
export interface QueuedCommand {
  readonly position: number;
  readonly command: LpaCommand;
}

/**
 * The whole state of the core, and also its persisted document: plain JSON, versioned. All
 * of it: the core keeps nothing about a state beside it (decision D65), so a copy
 * (`cloneState`), a saved document and a restored one behave alike.
 * `step` owns its input: it takes the state it is given and returns the next one, updating
 * the given one in place (so that a step costs the same with 1 or 10,000 operations alive,
 * decision D66); clone it first (`cloneState`) to keep an earlier state.
 */
export interface CoreState {
  /** The document's format version, {@link STATE_VERSION}. */
  readonly version: typeof STATE_VERSION;
  /** The configuration the state was created with. */
  config: CoreConfig;
  /** The transaction id of the current portal launch; null until the portal is launched. */
  transactionId: string | null;
  /** Whether callbacks are delivered; false once the portal closed or an operation returned to the app. */
  portalOpen: boolean;
  /** The N of the next `op-N` id, used only when an input carries no drawn id. */
  nextOperationNumber: number;
  /** Live operations by id. */
  operations: Record<string, OperationRecord>;
  /** Finished operations by id, at most `config.retainFinished`; their `sequence` orders them (not the keys). */
  finished: Record<string, FinishedRecord>;
  /**
   * The ids of `finished`, oldest first (by `sequence`): the index retention drops from, so a
   * finish costs the same with 1 or 10,000 kept. Rebuilt from the sequences on restore (D64).
   */
  finishedOrder: string[];
  /** The LPA: the operation whose command is running, and the commands waiting their turn. */
  lpa: {
    /** The operation whose LPA command is running; null when the LPA is free. */
    active: string | null;
    /** Commands waiting their turn, oldest first, without their secrets; those before `head` have left. */
    queue: LpaCommand[];
    /**
     * How many commands at the start of `queue` have already left it: dequeuing moves this index
     * instead of shifting the array (O(1) at any length); the array is compacted once they are
     * half of it. Absent: 0 (documents written before it existed).
     */
    head?: number;
    /**
     * Each waiting operation's commands with their places in line, oldest first: what its
     * record stores (D55), and how a finishing operation leaves the line without a scan.
     * The same commands as `queue` from `head` on.
     */
    waiting: Record<string, QueuedCommand[]>;
    /** The place in line the next queued command gets. */
    nextPosition: number;
  };
  /** ICCID → live operations following that profile's registration. */
  followers: Record<string, string[]>;
  /** Credentials of live operations, kept apart so the rest can be printed. */
  secrets: Secrets;
}

// No configuration given: the defaults are copied without merging (a bench creates a state per flow).
const NO_CONFIG = {};

/** A fresh state, with configuration merged over the defaults. */
export function createState(config: Partial<Omit<CoreConfig, 'timing'>> & { timing?: Partial<FlowTiming> } = NO_CONFIG): CoreState {
  return {
    version: STATE_VERSION,
    // The default timing object itself when none is given: its machines are found without a lookup by value.
    // Stryker disable next-line ConditionalExpression: equivalent; shortcuts, merging nothing over the defaults copies them (only the timing object's identity differs)
    config: config === NO_CONFIG ? { ...DEFAULT_CONFIG } : { ...DEFAULT_CONFIG, ...config, timing: config.timing === undefined ? DEFAULT_TIMING : { ...DEFAULT_TIMING, ...config.timing } },
    transactionId: null,
    portalOpen: true,
    nextOperationNumber: 1,
    // Null-prototype maps: ids and ICCIDs from outside (`__proto__`, ...) stay ordinary keys.
    operations: emptyMap(),
    finished: emptyMap(),
    finishedOrder: [],
    lpa: { active: null, queue: [], head: 0, waiting: emptyMap(), nextPosition: 0 },
    followers: emptyMap(),
    secrets: { operations: emptyMap(), owners: emptyMap() },
  };
}

/** A deep copy, for callers that keep earlier states (model exploration, undo). */
export function cloneState(state: CoreState): CoreState {
  return JSON.parse(JSON.stringify(state)) as CoreState;
}
