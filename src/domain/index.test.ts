import { describe, expect, it } from 'vitest';
import * as domain from './index';

describe('the domain barrel', () => {
  it.each([
    'ok', 'err', 'domainError', 'diagnostic',
    'ENUM_OBJECTS', 'ACTIVATION_ERRORS', 'NETWORK_REGISTRATION_STATES', 'CONNECTED_REGISTRATION_STATES',
    'isActivationError', 'isNetworkRegistrationState',
    'MobilePlansActivationError', 'DataMartActivationErrors',
    'normalizeMetadata', 'createPurchaseMetaData',
    'parseActivationCode', 'formatActivationCode', 'maskActivationCode', 'toMaskedActivationCode',
    'validateIccid', 'luhnValid', 'validateEid',
    'roundDelay', 'parseDelay', 'DEFAULT_DELAY_GRANULARITY_MINUTES', 'MAX_DELAY_MINUTES',
    'parseLegacyPayload', 'validateTransactionId', 'checkTransactionId',
  ])('exports %s', (name) => {
    expect(domain).toHaveProperty(name);
    expect((domain as Record<string, unknown>)[name]).toBeDefined();
  });
});
