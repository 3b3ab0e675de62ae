import { describe, expect, it } from 'vitest';
import { ownerKeyOfSecrets, rememberOwnerKey } from '../../src/core/owners';

/* The owner key of an operation's secrets, remembered per secrets object (a cache checked against the code). */

describe('ownerKeyOfSecrets', () => {
  it('has none for secrets without a code', () => {
    expect(ownerKeyOfSecrets({})).toBeUndefined();
  });

  it('answers the key remembered for the code, and works it out again once the code changed', () => {
    const secrets: { activationCode?: string } = { activationCode: '1$SMDP.example.com$CODE-1' };
    // A key the code would not give: only the remembered entry can answer it.
    rememberOwnerKey(secrets, 'remembered-key');
    expect(ownerKeyOfSecrets(secrets)).toBe('remembered-key');
    expect(ownerKeyOfSecrets(secrets)).toBe('remembered-key');
    secrets.activationCode = '1$SMDP.example.com$CODE-2';
    expect(ownerKeyOfSecrets(secrets)).toBe('1$smdp.example.com$CODE-2');
  });

  it('remembers nothing for secrets without a code', () => {
    const secrets: { activationCode?: string } = {};
    rememberOwnerKey(secrets, 'remembered-key');
    secrets.activationCode = '1$SMDP.example.com$CODE-3';
    expect(ownerKeyOfSecrets(secrets)).toBe('1$smdp.example.com$CODE-3');
  });
});
