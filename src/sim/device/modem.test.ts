import { describe, expect, it } from 'vitest';
import type { NetworkRegistrationState } from '../../domain/enums';
import { VirtualClock } from './clock';
import { SimulatedModem, stepsOf, type RegistrationScript } from './modem';

const ICCID = '89882470000000000014';

function setup(registration?: RegistrationScript) {
  const clock = new VirtualClock(0);
  const heard: Array<[number, string, NetworkRegistrationState]> = [];
  const modem = new SimulatedModem(clock, (iccid, state) => heard.push([clock.now(), iccid, state]), registration);
  return { clock, modem, heard };
}

describe('SimulatedModem', () => {
  it('plays the default sequence: searching after 1 s, home after 3 s', () => {
    const { clock, modem, heard } = setup();
    expect(modem.register({ operationId: 'op-1', iccid: ICCID })).toBeUndefined();
    expect(heard).toEqual([]);
    clock.advance(10_000);
    expect(heard).toEqual([[1000, ICCID, 'searching'], [3000, ICCID, 'home']]);
    expect(modem.registration(ICCID)).toBe('home');
  });

  it.each(['home', 'roaming', 'partner', 'denied'] as const)('reaches %s through searching when scripted', (state) => {
    const { clock, modem, heard } = setup();
    modem.setRegistration(state);
    modem.register({ operationId: 'op-1', iccid: ICCID });
    clock.advance(3000);
    expect(heard.map(([, , s]) => s)).toEqual(['searching', state]);
  });

  it('never registers when scripted none', () => {
    const { clock, modem, heard } = setup('none');
    modem.register({ operationId: 'op-1', iccid: ICCID });
    clock.advance(24 * 3600_000);
    expect(heard).toEqual([]);
    expect(modem.registration(ICCID)).toBe('none');
  });

  it('plays a custom sequence with offsets from the register call', () => {
    const { clock, modem, heard } = setup();
    clock.advance(100);
    modem.setRegistration([{ afterMs: 500, state: 'searching' }, { afterMs: 700, state: 'denied' }, { afterMs: 2000, state: 'roaming' }]);
    modem.register({ operationId: 'op-1', iccid: ICCID });
    clock.advance(5000);
    expect(heard).toEqual([[600, ICCID, 'searching'], [800, ICCID, 'denied'], [2100, ICCID, 'roaming']]);
  });

  it('takes queued scripts one per call, then the default, which can be changed', () => {
    const { clock, modem, heard } = setup();
    modem.setRegistration('denied');
    modem.register({ operationId: 'op-1', iccid: 'a' });
    modem.register({ operationId: 'op-2', iccid: 'b' });
    modem.setDefaultRegistration('roaming');
    modem.register({ operationId: 'op-3', iccid: 'c' });
    clock.advance(3000);
    expect(heard.filter(([at]) => at === 3000).map(([, iccid, state]) => [iccid, state])).toEqual([['a', 'denied'], ['b', 'home'], ['c', 'roaming']]);
  });

  it('replaces the sequence still playing when the same profile registers again', () => {
    const { clock, modem, heard } = setup();
    modem.setRegistration([{ afterMs: 5000, state: 'denied' }]);
    modem.register({ operationId: 'op-1', iccid: ICCID });
    clock.advance(1000);
    modem.setRegistration([{ afterMs: 500, state: 'home' }]);
    modem.register({ operationId: 'op-1', iccid: ICCID });
    clock.advance(10_000);
    expect(heard).toEqual([[1500, ICCID, 'home']]);
  });

  it('fails the register call itself when scripted to', () => {
    const { modem } = setup();
    modem.setRegistration({ fail: 'modemNotFound' });
    expect(() => modem.register({ operationId: 'op-1', iccid: ICCID })).toThrow(expect.objectContaining({ activationError: 'modemNotFound' }));
  });

  it('reports a change outside any sequence, and stops a sequence on request', () => {
    const { clock, modem, heard } = setup();
    modem.register({ operationId: 'op-1', iccid: ICCID });
    modem.stop(ICCID);
    modem.change(ICCID, 'roaming');
    clock.advance(10_000);
    expect(heard).toEqual([[0, ICCID, 'roaming']]);
  });

  it('describes the steps of each script', () => {
    expect(stepsOf('none')).toEqual([]);
    expect(stepsOf({ fail: 'modemNotFound' })).toEqual([]);
    expect(stepsOf('partner')).toEqual([{ afterMs: 1000, state: 'searching' }, { afterMs: 3000, state: 'partner' }]);
  });
});
