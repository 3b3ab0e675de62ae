import type { ActivationError } from './enums';

/**
 * Why a domain value was refused. Every code names the input that was wrong.
 *
 * - `invalidActivationCode`: not an SGP.22 activation code.
 * - `invalidIccid`: not an ICCID.
 * - `invalidEid`: not an EID.
 * - `invalidDelay`: a delay or interval that is not a whole number of minutes in range.
 * - `invalidJson`: a legacy payload that is not the documented JSON.
 * - `invalidMetadata`: purchase metadata that cannot be used at all.
 * - `invalidTransactionId`: a transaction id that is empty, too long or not printable.
 * - `invalidOperationId`: an operation id the caller chose that is not one (see `isOperationId`).
 * - `operationIdInUse`: an operation id the caller chose that a live or finished operation holds:
 *   the spec's `MobilePlansOperationContext.Id` names one operation only.
 */
export type DomainErrorCode =
  | 'invalidActivationCode'
  | 'invalidIccid'
  | 'invalidEid'
  | 'invalidDelay'
  | 'invalidJson'
  | 'invalidMetadata'
  | 'invalidTransactionId'
  | 'invalidOperationId'
  | 'operationIdInUse';

/**
 * A refused input, as a value. `message` tells a portal developer what to fix; it never
 * contains an activation code's matching ID.
 */
export type DomainError = {
  code: DomainErrorCode;
  message: string;
  /** The parameter or property that was wrong, e.g. `downloadDelay`. */
  field?: string;
  /** The `MobilePlansActivationError` value the portal sees for this error, when there is one. */
  activationError?: ActivationError;
};

/**
 * The outcome of a check or parse: a value, or an error. Domain code never throws for bad input.
 *
 * @example
 * const r = validateEid(input);
 * if (r.ok) use(r.value); else report(r.error.message);
 */
export type Result<T, E = DomainError> = { ok: true; value: T } | { ok: false; error: E };

/**
 * A successful result.
 *
 * @param value - the accepted value
 * @example ok(15) // { ok: true, value: 15 }
 */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/**
 * A failed result.
 *
 * @param error - why the input was refused
 * @example err(domainError('invalidEid', 'eid must be 32 digits'))
 */
export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/**
 * Builds a {@link DomainError}, leaving out the optional parts that are not given.
 *
 * @param code - what kind of input was refused
 * @param message - what the portal developer should fix
 * @param options - the field at fault and the activation error the portal sees
 * @example domainError('invalidDelay', 'downloadDelay must be ...', { field: 'downloadDelay' })
 */
export function domainError(
  code: DomainErrorCode,
  message: string,
  options: { field?: string | undefined; activationError?: ActivationError | undefined } = {},
): DomainError {
  const error: DomainError = { code, message };
  if (options.field !== undefined) error.field = options.field;
  if (options.activationError !== undefined) error.activationError = options.activationError;
  return error;
}
