import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import type { Command } from '../src/core/commands';
import type { Effect } from './machineModel';
import { OPERATION_ID, SECRET_MATCHING_IDS } from './scenarios';

/*
 * How the path tests compare what the world observed with what the machine asked for: commands
 * as signatures (type and the payload that does not depend on time), effects mapped to the
 * commands they become, and checks that collect problems and assert once.
 */

/** Checks that collect their problems and assert once (thousands of `expect` calls are slow). */
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

  done(where: string): void {
    if (this.problems.length > 0) expect(this.problems, `${where}: ${this.problems.join("; ")}`).toEqual([]);
  }
}

export function leaks(text: string): string[] {
  return SECRET_MATCHING_IDS.filter((id) => text.includes(id));
}

/** The commands about the one operation, without diagnostics. */
export function ownCommands(commands: readonly Command[]): Command[] {
  return commands.filter((c) => {
    switch (c.type) {
      case 'diagnostic':
        return false;
      case 'scheduler.set':
      case 'scheduler.clear':
        return c.timerId === OPERATION_ID;
      case 'report':
        return c.report.operationId === OPERATION_ID;
      default:
        return c.operationId === OPERATION_ID;
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

