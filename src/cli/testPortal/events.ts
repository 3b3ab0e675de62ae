/**
 * What the agent in the page (pageAgent.ts) tells `test-portal` in Node, through one exposed
 * binding, as it happens. Every text is redacted in the page before it crosses: the simulated
 * device knows the matching IDs it has seen.
 */
import type { OperationView } from '../../host/host';

/** How the agent is set up: the same for every page of one run. */
export interface AgentConfig {
  /** The binding `exposeBinding` defined: the agent calls it with each event. */
  readonly binding: string;
  readonly allowedHosts: readonly string[];
  readonly transactionId: string;
}

/** The global the agent defines in the page (not enumerable), for `page.evaluate`. */
export const AGENT_GLOBAL = '__mobilePlansTestPortal';

/** The name the injected script carries in stack traces, so its frames are told from the portal's. */
export const AGENT_SCRIPT_URL = 'mobile-plans-test-portal.js';

/** A portal call of a Mobile Plans entry point (a hand-off, or a cancel). */
export interface CallEvent {
  readonly kind: 'call';
  /** 1, 2, ...: the order of the calls on this page. */
  readonly index: number;
  readonly entryPoint: string;
  /** The operation it started or named; null when nothing started. */
  readonly operationId: string | null;
  /** What the host answered, e.g. `returns op-1` or `was refused (...)`. */
  readonly reply: string;
  /** `new Error().stack` inside the call: the portal's frames are below the agent's. */
  readonly stack: string;
}

/** A diagnostic of the bridge or the simulated host. */
export interface DiagnosticEvent {
  readonly kind: 'diagnostic';
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly entryPoint: string | null;
  readonly operationId: string | null;
  /** The call it was raised in, when it was raised inside one. */
  readonly callIndex: number | null;
  readonly stack: string;
}

/** A callback script the host called on the page. */
export interface CallbackEvent {
  readonly kind: 'callback';
  readonly operationId: string;
  readonly script: string;
  readonly args: string;
}

/** An operation's report: how it ended. */
export interface ReportEvent {
  readonly kind: 'report';
  readonly operationId: string;
  readonly flow: string;
  readonly entryPoint: string;
  readonly outcome: string;
  readonly activationResult: string | null;
}

/** The page called `MobilePlansSim.start` itself (a development page); it got the injected simulator. */
export interface PageStartedSimulatorEvent {
  readonly kind: 'pageStartedSimulator';
  readonly stack: string;
}

export type AgentEvent = CallEvent | DiagnosticEvent | CallbackEvent | ReportEvent | PageStartedSimulatorEvent;

/** What `page.evaluate` finds on the agent global. */
export interface PageAgent {
  /** The simulator's controller: the Node-side controller calls through to it. */
  readonly sim: import('../../sim/simulator').Simulator;
  /** Every operation now. */
  operations(): OperationView[];
  /** A text with every activation code and seen matching ID masked. */
  redact(text: string): string;
  /** The operations whose toast is shown now. */
  toasts(): string[];
  /** Accept toasts, answer prompts, advance to the next deadline, until every operation ended or `maxMinutes` passed. */
  settle(maxMinutes: number): Promise<void>;
}
