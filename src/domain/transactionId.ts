import { describeType, diagnostic, type Diagnostic } from './diagnostics';
import { domainError, err, ok, type Result } from './result';

/** The longest transaction id, in characters (portal launch parameters: "max 64 characters"). */
export const MAX_TRANSACTION_ID_LENGTH = 64;

/**
 * Validates a transaction id: 1 to 64 visible ASCII characters (no spaces or control characters).
 *
 * @param value - the `transactionId` from the portal launch or a legacy payload
 * @returns the id, or an `invalidTransactionId` error
 * @example validateTransactionId('4c1f6b2e-0d7a-4a53-9b43-1f2f1a0c9e11').ok // true
 */
export function validateTransactionId(value: unknown): Result<string> {
  const refuse = (got: string) =>
    err(
      domainError(
        'invalidTransactionId',
        `transactionId must be 1 to ${MAX_TRANSACTION_ID_LENGTH} printable ASCII characters without spaces, ` +
          `as received at launch; got ${got}`,
        { field: 'transactionId' },
      ),
    );
  if (typeof value !== 'string') return refuse(describeType(value));
  if (value.length === 0) return refuse('an empty string');
  if (value.length > MAX_TRANSACTION_ID_LENGTH) return refuse(`${value.length} characters`);
  if (!/^[\x21-\x7e]+$/.test(value)) return refuse('a space, control or non-ASCII character');
  return ok(value);
}

/**
 * Compares the transaction id a portal sent back with the one it was launched with
 * (decision D8, docs/decisions.md): a difference is a diagnostic, never a rejection.
 *
 * @param expected - the id the host launched the portal with
 * @param received - the id in the portal's payload, if any
 * @returns no diagnostics when they match or none was sent back, else one `transactionIdMismatch`
 * @example checkTransactionId('a1', 'b2')[0]?.code // 'transactionIdMismatch'
 */
export function checkTransactionId(expected: string, received: string | undefined): Diagnostic[] {
  if (received === undefined || received === expected) return [];
  return [
    diagnostic(
      'transactionIdMismatch',
      'transactionId differs from the one the portal was launched with; send back the id received at launch',
      'transactionId',
      'warning',
    ),
  ];
}
