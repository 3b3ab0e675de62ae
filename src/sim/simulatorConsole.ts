import type { DiagnosticNotice } from '../core/commands';

/** Where the simulator prints diagnostics: `console`, or anything with the same two methods. */
export interface SimulatorConsole {
  warn(message: string): void;
  error(message: string): void;
}

/** The prefix of every line the simulator prints. */
export const CONSOLE_PREFIX = '[MobilePlansSim]';

/**
 * One readable line for a diagnostic, telling the portal developer what to fix.
 *
 * @param notice - a diagnostic from the bridge or the host
 * @example formatNotice({ operationId: 'op-1', entryPoint: 'MobilePlans.notifyCancelledPurchase', diagnostic: { code: 'planNameMustBeEmpty', severity: 'error', message: 'planName must be empty when moDirectStatus is ServiceError' } })
 * // '[MobilePlansSim] MobilePlans.notifyCancelledPurchase (op-1): planName must be empty when moDirectStatus is ServiceError [planNameMustBeEmpty]'
 */
export function formatNotice(notice: DiagnosticNotice): string {
  const where = [notice.entryPoint, notice.operationId === null ? null : `(${notice.operationId})`].filter((part) => part !== null).join(' ');
  return `${CONSOLE_PREFIX} ${where === '' ? '' : `${where}: `}${notice.diagnostic.message} [${notice.diagnostic.code}]`;
}

/**
 * The printer the simulator uses: errors through `console.error`, warnings through
 * `console.warn`, each line redacted first; nothing when the option is false.
 *
 * @param option - true (default: the global console), false, or a console-like sink
 * @returns a function printing one notice
 */
export function consoleSink(option: boolean | SimulatorConsole | undefined): (notice: DiagnosticNotice, redact: (text: string) => string) => void {
  if (option === false) return () => {};
  const sink: SimulatorConsole = option === undefined || option === true ? globalThis.console : option;
  return (notice, redact) => {
    try {
      const line = redact(formatNotice(notice));
      if (notice.diagnostic.severity === 'error') sink.error(line);
      else sink.warn(line);
    } catch {
      // Printing must never break the simulation.
    }
  };
}
