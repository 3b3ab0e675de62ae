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
  return parsed.ok ? activationCodeIdentity(parsed.value) : activationCode;
}
