import { describe, expect, it } from 'vitest';
import { ACTIVATION_ERROR_DESCRIPTIONS } from '../descriptions/index';
import {
  ACTIVATION_ERRORS,
  CONNECTED_REGISTRATION_STATES,
  DataMartActivationErrors,
  DataMartLineType,
  DataMartMoDirectStatus,
  ENUM_OBJECTS,
  MobilePlansActivationError,
  MobilePlansMoDirectStatus,
  MobilePlansUserAccount,
  NETWORK_REGISTRATION_STATES,
  isActivationError,
  isNetworkRegistrationState,
} from './enums';

// Keys as the spec files list them (003: DataMart*, 004: MobilePlans*), plus decision D3 (docs/decisions.md).
const METADATA_KEYS = ['new', 'existing', 'bailed', 'none'];
const MO_DIRECT_STATUS_KEYS = [
  'complete', 'serviceError', 'invalidSIM', 'logOnFailed', 'purchaseFailed', 'clientError', 'billingError',
  'cancelled', 'none',
];
const REGISTRATION_KEYS = ['none', 'deregistered', 'searching', 'home', 'roaming', 'partner', 'denied'];
const ACTIVATION_KEYS_BEFORE_PORTAL_ERRORS = [
  'success', 'notAuthorized', 'notFound', 'policyViolation', 'insufficientSpaceOnCard', 'serverFailure',
  'serverNotReachable', 'timeoutWaitingForUserConsent', 'incorrectConfirmationCode',
  'confirmationCodeMaxRetriesExceeded', 'cardRemoved', 'cardBusy', 'other', 'cardGeneralFailure',
  'confirmationCodeMissing', 'invalidMatchingId', 'noEligibleProfileForThisDevice', 'operationAborted',
  'eidMismatch', 'profileNotAvailableForNewBinding', 'profileNotReleasedByOperator',
  'operationProhibitedByProfileClass', 'profileNotPresent', 'noCorrespondingRequest', 'unknownError',
  'lpaInitializationError', 'modemNotFound', 'localSettingsAccessFailed',
];
// 2018-11 ends with invalidCallback; the current list has invalidJson instead: both objects get both.
const ACTIVATION_KEYS = [
  ...ACTIVATION_KEYS_BEFORE_PORTAL_ERRORS, 'invalidCallback', 'invalidJson', 'invalidActivationCode', 'invalidIccid',
];

const EXPECTED_KEYS: Record<string, string[]> = {
  DataMartUserAccount: METADATA_KEYS,
  DataMartPurchaseInstrument: METADATA_KEYS,
  DataMartLineType: METADATA_KEYS,
  DataMartMoDirectStatus: MO_DIRECT_STATUS_KEYS,
  DataMartNetworkRegistrationState: REGISTRATION_KEYS,
  DataMartActivationErrors: ACTIVATION_KEYS,
  MobilePlansUserAccount: METADATA_KEYS,
  MobilePlansPurchaseInstrument: METADATA_KEYS,
  MobilePlansLineType: METADATA_KEYS,
  MobilePlansMoDirectStatus: MO_DIRECT_STATUS_KEYS,
  MobilePlansNetworkRegistrationState: REGISTRATION_KEYS,
  MobilePlansActivationError: ACTIVATION_KEYS,
};

describe('enum objects', () => {
  it.each(Object.entries(EXPECTED_KEYS))('%s exists with the spec keys in order', (name, keys) => {
    const object = ENUM_OBJECTS[name];
    expect(object).toBeDefined();
    expect(Object.keys(object ?? {})).toEqual(keys);
  });

  it('names no object the spec does not define', () => {
    expect(Object.keys(ENUM_OBJECTS).sort()).toEqual(Object.keys(EXPECTED_KEYS).sort());
  });

  it('maps metadata keys to the spec strings with a capital first letter', () => {
    expect(MobilePlansUserAccount).toEqual({ new: 'New', existing: 'Existing', bailed: 'Bailed', none: 'None' });
    expect(DataMartLineType.bailed).toBe('Bailed');
  });

  it('maps each moDirectStatus key to the spec string, including cancelled and none', () => {
    for (const [key, value] of Object.entries(MobilePlansMoDirectStatus)) {
      expect(value.charAt(0).toLowerCase() + value.slice(1)).toBe(key);
    }
    expect(DataMartMoDirectStatus.cancelled).toBe('Cancelled');
    expect(MobilePlansMoDirectStatus.none).toBe('None');
    expect(MobilePlansMoDirectStatus.invalidSIM).toBe('InvalidSIM');
  });

  it('uses the key itself as the value of registration states and activation errors', () => {
    for (const name of ['MobilePlansNetworkRegistrationState', 'DataMartActivationErrors', 'MobilePlansActivationError']) {
      for (const [key, value] of Object.entries(ENUM_OBJECTS[name] ?? {})) expect(value).toBe(key);
    }
  });

  it('gives the DataMart and MobilePlans objects of one kind equal content', () => {
    expect(DataMartActivationErrors).toEqual(MobilePlansActivationError);
    expect(ENUM_OBJECTS.DataMartMoDirectStatus).toEqual(ENUM_OBJECTS.MobilePlansMoDirectStatus);
  });

  it('freezes every object so a portal cannot change them', () => {
    for (const object of Object.values(ENUM_OBJECTS)) expect(Object.isFrozen(object)).toBe(true);
    expect(Object.isFrozen(ENUM_OBJECTS)).toBe(true);
    expect(() => {
      (MobilePlansUserAccount as Record<string, string>).new = 'Hacked';
    }).toThrow(TypeError);
  });
});

describe('enum value lists and guards', () => {
  it('lists every activation error once, in the spec order', () => {
    expect(ACTIVATION_ERRORS).toEqual(ACTIVATION_KEYS);
    expect(new Set(ACTIVATION_ERRORS).size).toBe(ACTIVATION_ERRORS.length);
  });

  it('counts home, roaming and partner as connected, and nothing else', () => {
    expect([...CONNECTED_REGISTRATION_STATES].sort()).toEqual(['home', 'partner', 'roaming']);
    for (const state of CONNECTED_REGISTRATION_STATES) expect(NETWORK_REGISTRATION_STATES).toContain(state);
  });

  it.each([
    ['invalidJson', true],
    ['invalidCallback', true],
    ['success', true],
    ['Success', false],
    ['toString', false],
    ['__proto__', false],
    [42, false],
    [null, false],
  ])('isActivationError(%j) is %s', (value, expected) => {
    expect(isActivationError(value)).toBe(expected);
  });

  it.each([
    ['home', true],
    ['denied', true],
    ['Home', false],
    ['constructor', false],
    [undefined, false],
  ])('isNetworkRegistrationState(%j) is %s', (value, expected) => {
    expect(isNetworkRegistrationState(value)).toBe(expected);
  });

  it('describes every activation error with a meaning and a portal action', () => {
    expect(Object.keys(ACTIVATION_ERROR_DESCRIPTIONS)).toEqual(ACTIVATION_KEYS);
    for (const { meaning, portalAction } of Object.values(ACTIVATION_ERROR_DESCRIPTIONS)) {
      expect(meaning.length).toBeGreaterThan(10);
      expect(portalAction.length).toBeGreaterThan(10);
    }
  });
});
