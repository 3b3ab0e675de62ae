import { describeType } from './diagnostics';
import { domainError, err, ok, type Result } from './result';

/** The default rounding step in minutes: background timers fire no sooner than 15 minutes. */
export const DEFAULT_DELAY_GRANULARITY_MINUTES = 15;

/** The longest delay accepted, in minutes (30 days). */
export const MAX_DELAY_MINUTES = 43200;

/** The parameters that carry a delay in minutes, across the generations of the spec. */
export type DelayField = 'downloadDelay' | 'networkRegistrationInterval' | 'profileDownloadDelayInterval';

/**
 * Rounds a delay up to the next multiple of the granularity (decision D1, docs/decisions.md): 0 stays 0 (act
 * at once), anything above 0 waits at least one step. The spec: "5 minutes ... after
 * approximately 15 minutes".
 *
 * @param minutes - a delay from {@link parseDelay}; zero, negative or NaN count as 0
 * @param granularity - the step in minutes, a positive number (otherwise the default 15 is used)
 * @example roundDelay(5) // 15
 * @example roundDelay(16) // 30
 * @example roundDelay(0) // 0
 */
export function roundDelay(minutes: number, granularity: number = DEFAULT_DELAY_GRANULARITY_MINUTES): number {
  const step = Number.isFinite(granularity) && granularity > 0 ? granularity : DEFAULT_DELAY_GRANULARITY_MINUTES;
  if (!(minutes > 0)) return 0;
  return Math.ceil(minutes / step) * step;
}

/**
 * Reads a delay in minutes as a portal passes it: a non-negative integer, or a string of digits
 * (`"15"`), up to {@link MAX_DELAY_MINUTES}. Anything else is refused and starts nothing.
 *
 * @param value - what the portal passed
 * @param field - which parameter it was, for the message
 * @returns the delay in minutes (not yet rounded), or an `invalidDelay` error
 * @example parseDelay('15', 'downloadDelay') // { ok: true, value: 15 }
 * @example parseDelay(-1, 'downloadDelay').ok // false
 */
export function parseDelay(value: unknown, field: DelayField): Result<number> {
  const refuse = (got: string) =>
    err(
      domainError(
        'invalidDelay',
        `${field} must be a whole number of minutes from 0 to ${MAX_DELAY_MINUTES} (30 days), ` +
          `as a number or a string of digits; got ${got}`,
        { field },
      ),
    );
  let minutes: number;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return refuse(String(value));
    if (!Number.isInteger(value)) return refuse(`the fraction ${value}`);
    minutes = value;
  } else if (typeof value === 'string') {
    // Digits only: no sign, exponent, decimal point or surrounding spaces.
    if (!/^[0-9]{1,6}$/.test(value)) {
      return refuse(value.length > 12 ? `a string of ${value.length} characters` : JSON.stringify(value));
    }
    minutes = Number(value);
  } else {
    return refuse(describeType(value));
  }
  if (minutes < 0) return refuse(`the negative number ${minutes}`);
  if (minutes > MAX_DELAY_MINUTES) return refuse(`${minutes}, more than 30 days`);
  return ok(minutes === 0 ? 0 : minutes); // folds -0 into 0
}
