import { activationCodeIdentity, parseActivationCode } from '../domain/activationCode';

/**
 * The key of `Secrets.owners` for a canonical activation code: its profile identity (address
 * without case, matching ID), so every spelling of one code finds the one operation that
 * downloads it. A text that does not parse (only a damaged document holds one) is its own key.
 *
 * @param activationCode - the code as the secrets keep it
 */
export function ownerKey(activationCode: string): string {
  const parsed = parseActivationCode(activationCode);
  return parsed.ok ? sameText(activationCodeIdentity(parsed.value), activationCode) : activationCode;
}

/**
 * `text`, or `kept` when they are equal: the owner key of most codes is the code itself, and a
 * state holding 100,000 parked operations then keeps one string for both, not two.
 */
export function sameText(text: string, kept: string): string {
  // Stryker disable next-line ConditionalExpression: equivalent; equal texts either way, only how many strings are kept differs
  return text === kept ? kept : text;
}

// The owner key of each live operation's secrets, so that writing its record (every step that
// moves it) does not parse its code again. Keyed by the secrets object, checked against its code.
// A pure cache: an entry is used only while the code it was made from is unchanged, so losing it only costs a parse.
// Most codes are their own owner key (`sameText`): their entry is the code string itself, no
// object beside it (a host with 10,000 parked operations keeps 10,000 entries).
const keyOfSecrets = new WeakMap<object, string | { readonly code: string; readonly key: string }>();

/** Remember the owner key already known for `secrets` (the hand-off parsed its code). */
export function rememberOwnerKey(secrets: { readonly activationCode?: string }, key: string): void {
  // Stryker disable next-line ConditionalExpression: equivalent when true; an entry for no code is never read (no code answers undefined first)
  if (secrets.activationCode !== undefined) keyOfSecrets.set(secrets, entryFor(secrets.activationCode, key));
}

function entryFor(code: string, key: string): string | { readonly code: string; readonly key: string } {
  // Stryker disable next-line ConditionalExpression: equivalent; the object entry answers the same key, only costing an object
  return key === code ? code : { code, key };
}

/**
 * {@link ownerKey} of an operation's secrets, remembered per secrets object.
 *
 * @param secrets - one entry of `Secrets.operations`
 * @returns the owner key, or undefined when the operation has no code yet
 */
export function ownerKeyOfSecrets(secrets: { readonly activationCode?: string }): string | undefined {
  const code = secrets.activationCode;
  // Stryker disable next-line ConditionalExpression: equivalent; no entry for it, and the owner key of no code is undefined too
  if (code === undefined) return undefined;
  const known = keyOfSecrets.get(secrets);
  // A string is a code that is its own key; it holds while the code is still that one.
  // Stryker disable next-line ConditionalExpression: equivalent; a miss only works the same key out again
  if (known === code) return code;
  if (typeof known === 'object' && known.code === code) return known.key;
  const key = ownerKey(code);
  keyOfSecrets.set(secrets, entryFor(code, key));
  return key;
}
