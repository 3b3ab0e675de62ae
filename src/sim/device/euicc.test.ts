import { describe, expect, it } from 'vitest';
import { luhnValid, validateIccid } from '../../domain/iccid';
import { validateEid } from '../../domain/eid';
import { DEFAULT_EID, luhnCheckDigit, simulatedIccid, VirtualEuicc } from './euicc';

const CODE = '1$smdp.example.com$MATCH-1';

describe('VirtualEuicc', () => {
  it('has a valid default EID and refuses an invalid one', () => {
    expect(validateEid(DEFAULT_EID).ok).toBe(true);
    expect(new VirtualEuicc().eid).toBe(DEFAULT_EID);
    expect(() => new VirtualEuicc({ eid: '89049032123451234512345678901234' })).toThrow(/mod 97/);
  });

  it('makes up deterministic, Luhn-valid ICCIDs that the domain accepts without a warning', () => {
    const iccids = Array.from({ length: 200 }, (_, i) => simulatedIccid(i + 1));
    expect(new Set(iccids).size).toBe(200);
    for (const iccid of iccids) {
      expect(iccid).toMatch(/^89[0-9]{18}$/);
      expect(luhnValid(iccid)).toBe(true);
      const checked = validateIccid(iccid);
      expect(checked.ok && checked.value.diagnostics).toEqual([]);
    }
    expect(simulatedIccid(1)).toBe('89882470000000000014');
  });

  it('computes the Luhn check digit', () => {
    expect(luhnCheckDigit('7992739871')).toBe('3');
    expect(() => luhnCheckDigit('12a')).toThrow(RangeError);
  });

  it('installs a profile disabled, with the code it came from masked', () => {
    const euicc = new VirtualEuicc();
    const { iccid, created } = euicc.install(CODE);
    expect(created).toBe(true);
    expect(euicc.profileState(iccid)).toBe('disabled');
    expect(euicc.profiles()).toEqual([{ iccid, enabled: false, installedFrom: '1$smdp.example.com$***' }]);
  });

  it('installs idempotently per activation code, in any spelling of it', () => {
    const euicc = new VirtualEuicc();
    const first = euicc.install(CODE);
    const again = euicc.install(`LPA:${CODE}`);
    const other = euicc.install('1$smdp.example.com$MATCH-2');
    expect(again).toEqual({ iccid: first.iccid, created: false });
    expect(other.created).toBe(true);
    expect(other.iccid).not.toBe(first.iccid);
    expect(euicc.profiles()).toHaveLength(2);
    expect(euicc.installedFrom(CODE)).toBe(first.iccid);
    expect(euicc.installedFrom('1$smdp.example.com$MATCH-3')).toBeNull();
  });

  it('installs again after the profile was removed', () => {
    const euicc = new VirtualEuicc();
    const first = euicc.install(CODE);
    expect(euicc.remove(first.iccid)).toBe(true);
    expect(euicc.profileState(first.iccid)).toBe('absent');
    const second = euicc.install(CODE);
    expect(second.created).toBe(true);
    expect(second.iccid).not.toBe(first.iccid);
  });

  it('keeps at most one profile enabled', () => {
    const euicc = new VirtualEuicc({ profiles: [{ iccid: '89882470000000000998', enabled: true }] });
    const { iccid } = euicc.install(CODE);
    expect(euicc.enable(iccid)).toBe(true);
    expect(euicc.profileState(iccid)).toBe('enabled');
    expect(euicc.profileState('89882470000000000998')).toBe('disabled');
    expect(euicc.enabledIccid()).toBe(iccid);
    expect(euicc.profiles().filter((p) => p.enabled)).toHaveLength(1);
    expect(euicc.enable('89000000000000000000')).toBe(false);
    expect(euicc.disable(iccid)).toBe(true);
    expect(euicc.enabledIccid()).toBeNull();
  });

  it('answers absent for an ICCID it does not hold, and matches a trailing f in any case', () => {
    const euicc = new VirtualEuicc({ profiles: [{ iccid: '8988247000000000001F' }] });
    expect(euicc.profileState('8988247000000000001f')).toBe('disabled');
    expect(euicc.profileState('89882470000000000022')).toBe('absent');
  });

  it('refuses two enabled or duplicate initial profiles', () => {
    expect(() => new VirtualEuicc({ profiles: [{ iccid: '89882470000000000014', enabled: true }, { iccid: '89882470000000000022', enabled: true }] })).toThrow(/one/);
    expect(() => new VirtualEuicc({ profiles: [{ iccid: '89882470000000000014' }, { iccid: '89882470000000000014' }] })).toThrow(/twice/);
  });

  it('skips made-up ICCIDs already taken by initial profiles', () => {
    const euicc = new VirtualEuicc({ profiles: [{ iccid: simulatedIccid(1) }] });
    expect(euicc.install(CODE).iccid).toBe(simulatedIccid(2));
  });

  it('refuses to install past its capacity', () => {
    const euicc = new VirtualEuicc({ capacity: 1 });
    euicc.install(CODE);
    expect(euicc.hasSpace()).toBe(false);
    expect(() => euicc.install('1$smdp.example.com$MATCH-2')).toThrow(RangeError);
    expect(euicc.install(CODE).created).toBe(false);
  });

  it('never shows a matching ID when serialized', () => {
    const euicc = new VirtualEuicc();
    euicc.install(CODE);
    expect(JSON.stringify(euicc)).not.toContain('MATCH-1');
    expect(JSON.parse(JSON.stringify(euicc))).toEqual({ eid: DEFAULT_EID, profiles: euicc.profiles() });
  });
});
