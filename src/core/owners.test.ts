import { describe, expect, it } from 'vitest';
import { ownerKey, ownerKeyOfSecrets, rememberOwnerKey } from './owners';

describe('the owner key of an operation\'s secrets (remembered per secrets object)', () => {
  it('is the profile identity, and follows the code when the same secrets object gets another one', () => {
    // A code that is its own key (lowercase address, no OID or flag), then one that is not, then back.
    const secrets: { activationCode?: string } = { activationCode: '1$smdp.example.com$FIRST' };
    rememberOwnerKey(secrets, ownerKey(secrets.activationCode!));
    expect(ownerKeyOfSecrets(secrets)).toBe('1$smdp.example.com$FIRST');
    secrets.activationCode = '1$SMDP.Example.com$SECOND$$1';
    expect(ownerKeyOfSecrets(secrets)).toBe('1$smdp.example.com$SECOND');
    secrets.activationCode = '1$other.example.com$THIRD';
    expect(ownerKeyOfSecrets(secrets)).toBe('1$other.example.com$THIRD');
    secrets.activationCode = '1$SMDP.Example.com$SECOND$$1';
    expect(ownerKeyOfSecrets(secrets)).toBe('1$smdp.example.com$SECOND');
  });

  it('is the text itself for a code that does not parse, and undefined without a code', () => {
    expect(ownerKeyOfSecrets({ activationCode: 'not a code' })).toBe('not a code');
    expect(ownerKeyOfSecrets({})).toBeUndefined();
  });
});
