/**
 * Room: the domain — every name and value of the spec and its validation; imports nothing of
 * ours and no Node modules, pure and free of xstate (rules: eslint.config.mjs). Everything public
 * in `src/domain` is exported here.
 */
export { ok, err, domainError, type Result, type DomainError, type DomainErrorCode } from './result';
export {
  diagnostic,
  quote,
  unknownFieldDiagnostics,
  MAX_UNKNOWN_FIELD_DIAGNOSTICS,
  type Diagnostic,
  type DiagnosticCode,
  type DiagnosticSeverity,
} from './diagnostics';
export {
  DataMartUserAccount,
  DataMartPurchaseInstrument,
  DataMartLineType,
  DataMartMoDirectStatus,
  DataMartNetworkRegistrationState,
  DataMartActivationErrors,
  MobilePlansUserAccount,
  MobilePlansPurchaseInstrument,
  MobilePlansLineType,
  MobilePlansMoDirectStatus,
  MobilePlansNetworkRegistrationState,
  MobilePlansActivationError,
  USER_ACCOUNTS,
  MO_DIRECT_STATUSES,
  ACTIVATION_ERRORS,
  NETWORK_REGISTRATION_STATES,
  CONNECTED_REGISTRATION_STATES,
  ENUM_OBJECTS,
  isActivationError,
  isNetworkRegistrationState,
  type UserAccount,
  type PurchaseInstrument,
  type LineType,
  type MoDirectStatus,
  type NetworkRegistrationState,
  type ActivationError,
} from './enums';
export {
  createPurchaseMetaData,
  normalizeMetadata,
  METADATA_FIELDS,
  REQUIRED_METADATA_FIELDS,
  LEGACY_REQUIRED_METADATA_FIELDS,
  type PurchaseMetadata,
  type MetadataField,
  type NormalizeMetadataOptions,
  type NormalizedMetadata,
} from './metadata';
export {
  parseActivationCode,
  formatActivationCode,
  maskActivationCode,
  toMaskedActivationCode,
  MAX_ACTIVATION_CODE_LENGTH,
  MATCHING_ID_MASK,
  type ActivationCode,
  type MaskedActivationCode,
} from './activationCode';
export { validateIccid, luhnValid, type ValidIccid } from './iccid';
export { validateEid } from './eid';
export {
  roundDelay,
  parseDelay,
  DEFAULT_DELAY_GRANULARITY_MINUTES,
  MAX_DELAY_MINUTES,
  type DelayField,
} from './delay';
export {
  parseLegacyPayload,
  MAX_LEGACY_PAYLOAD_LENGTH,
  LEGACY_PAYLOAD_VERSION,
  type LegacyPurchase,
} from './legacy';
export {
  validateTransactionId,
  checkTransactionId,
  MAX_TRANSACTION_ID_LENGTH,
} from './transactionId';
