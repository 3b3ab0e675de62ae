import { isDeepStrictEqual } from 'node:util';
import type { FlowContext } from '../../machines/types';
import type { Command, Report } from '../core/commands';
import type { Effect } from './machineModel';
import type { ModelStep } from './paths';
import { SECRET_MATCHING_IDS } from './scenarios';

/*
 * How the path tests compare what the world observed with what the machine asked for: commands
 * as signatures (type and the payload that does not depend on time), effects mapped to the
 * commands they become, and checks that collect problems and assert once.
 */

/** A check of the kit failed: the message names where (path, step) and every problem found there. */
export class ConformanceError extends Error {
  override readonly name = 'ConformanceError';
  /** Each difference found, e.g. `the host operation: expected …, got …`. */
  readonly problems: readonly string[];

  constructor(where: string, problems: readonly string[]) {
    super(`${where}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Checks that collect their problems and throw once, naming where (thousands of separate assertions are slow). */
export class Checks {
  readonly problems: string[] = [];

  same(actual: unknown, expected: unknown, what: string): void {
    if (!isDeepStrictEqual(actual, expected)) this.problems.push(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }

  that(ok: boolean, what: string): void {
    if (!ok) this.problems.push(what);
  }

  fail(what: string): void {
    this.problems.push(what);
  }

  /** @throws {ConformanceError} naming `where` when any check failed */
  done(where: string): void {
    if (this.problems.length > 0) throw new ConformanceError(where, this.problems);
  }
}

export function leaks(text: string): string[] {
  return SECRET_MATCHING_IDS.filter((id) => text.includes(id));
}

/** The commands about one operation, without diagnostics. */
export function ownCommands(commands: readonly Command[], operationId: string): Command[] {
  return commands.filter((c) => {
    switch (c.type) {
      case 'diagnostic':
        return false;
      case 'scheduler.set':
      case 'scheduler.clear':
        return c.timerId === operationId;
      case 'report':
        return c.report.operationId === operationId;
      default:
        return c.operationId === operationId;
    }
  });
}

/** A command as the comparison sees it: its type and the payload that does not depend on time. */
export function signature(c: Command): string {
  switch (c.type) {
    case 'ui.progress':
      return `ui.progress ${c.stage} ${c.percent}`;
    case 'ui.confirmationCode':
      return `ui.confirmationCode ${c.attempt}`;
    case 'portal.callback': {
      const args = JSON.parse(c.args) as { activationResult?: string; networkRegistrationState?: string };
      return `${c.script} ${args.activationResult ?? args.networkRegistrationState}`;
    }
    case 'report':
      return `report ${c.report.outcome} ${c.report.activationResult}`;
    default:
      return c.type;
  }
}

const COMMAND_OF_EFFECT: Readonly<Record<string, string>> = {
  armDeadline: 'scheduler.set',
  clearDeadline: 'scheduler.clear',
  download: 'lpa.download',
  discover: 'lpa.discover',
  enable: 'lpa.enable',
  queryProfile: 'lpa.queryProfile',
  register: 'modem.register',
  showScheduled: 'ui.scheduled',
  showToast: 'ui.toast',
  hideToast: 'ui.hideToast',
  returnToApp: 'ui.returnToApp',
};

/** The command signatures a machine's effects should become; callbacks only reach an open portal. */
export function expectedSignatures(effects: readonly Effect[], portalOpen: boolean): string[] {
  let open = portalOpen;
  return effects.flatMap((e) => {
    const p = (e.params ?? {}) as Record<string, unknown>;
    switch (e.type) {
      case 'showProgress':
        return [`ui.progress ${String(p['stage'])} ${String(p['percent'])}`];
      case 'promptConfirmationCode':
        return [`ui.confirmationCode ${String(p['attempt'])}`];
      case 'activationComplete':
        return open ? [`profileActivationComplete ${String(p['activationResult'])}`] : [];
      case 'registrationChanged':
        return open ? [`registrationChanged ${String(p['state'])}`] : [];
      case 'report':
        return [`report ${String(p['outcome'])} ${String(p['activationResult'])}`];
      case 'returnToApp':
        open = false;
        return ['ui.returnToApp'];
      default: {
        const command = COMMAND_OF_EFFECT[e.type];
        if (command === undefined) throw new Error(`no command for the effect ${e.type}`);
        return [command];
      }
    }
  });
}


/** The part of a flow context that does not depend on when things happened (nor on the operation's id), for comparing a host's with the model's. */
export function untimedContext(x: FlowContext) {
  return {
    delayMs: x.delayMs,
    code: x.code,
    inputError: x.inputError,
    legacyRoute: x.legacyRoute,
    confirmationAttempts: x.confirmationAttempts,
    registrationAttempts: x.registrationAttempts,
    discoveryAttempts: x.discoveryAttempts,
    failure: x.failure,
    registrationState: x.registrationState,
    hasIccid: x.iccid !== null,
    hasDeadline: x.deadline !== null,
    hasStartAt: x.startAt !== null,
  };
}

/** The callbacks a step's effects become, as `{ script, args }` with the spec's exact JSON; only an open portal gets them. */
export function expectedCallbacks(effects: readonly Effect[], portalOpen: boolean, iccid: string | null): Array<{ script: string; args: string }> {
  let open = portalOpen;
  return effects.flatMap((e) => {
    const p = (e.params ?? {}) as Record<string, unknown>;
    const shownIccid = p['iccid'] === null || p['iccid'] === undefined ? '' : (iccid ?? '');
    if (e.type === 'returnToApp') open = false;
    if (!open) return [];
    if (e.type === 'activationComplete') return [{ script: 'profileActivationComplete', args: JSON.stringify({ activationResult: p['activationResult'], iccid: shownIccid }) }];
    if (e.type === 'registrationChanged') return [{ script: 'registrationChanged', args: JSON.stringify({ networkRegistrationState: p['state'], iccid: shownIccid }) }];
    return [];
  });
}

/** What the model says a final state's report holds. */
export interface ExpectedReport {
  readonly outcome: string;
  readonly activationResult: string | null;
}

/**
 * The one report a run made for an operation, with what the model's report effect on entering
 * `state` says it holds; null (and a failed check) unless there is exactly one of each.
 */
export function theReport(c: Checks, reports: readonly Report[], step: ModelStep, state: string): { report: Report; expected: ExpectedReport } | null {
  const expected = step.effects.find((e) => e.type === 'report')?.params as ExpectedReport | undefined;
  if (reports.length !== 1 || expected === undefined) {
    c.fail(`exactly one report, and a report effect entering ${state}: got ${reports.length} reports`);
    return null;
  }
  return { report: reports[0]!, expected };
}
