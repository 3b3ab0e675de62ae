import { FLOW_NAMES } from '../../machines/flows';
import { isActivationError, isNetworkRegistrationState } from '../domain/enums';

/*
 * A quick structural check of one stored live operation and its secrets, for the restore's hot
 * path (decision D59): a restore of 100,000 records spent a quarter of its time in valibot's
 * per-record parse. It is never more lenient than the schemas in document.ts (a record it
 * accepts, they accept: src/core/recordShape.test.ts holds it to that on generated mutations), and
 * it may be stricter: a record it refuses goes through valibot, which decides and words the
 * reason. So valibot stays the contract for hostile input, and this is only a shortcut for the
 * records that are plainly right.
 */

const flowNames: ReadonlySet<string> = new Set(FLOW_NAMES);
const legacyRoutes: ReadonlySet<unknown> = new Set(['download', 'balance', 'physical', 'cancelled', 'invalid']);
const scripts: ReadonlySet<string> = new Set(['registrationChanged', 'profileActivationComplete']);

type Fields = Record<string, unknown>;

const isObject = (x: unknown): x is Fields => typeof x === 'object' && x !== null && !Array.isArray(x);
const isString = (x: unknown): x is string => typeof x === 'string';
const isTime = (x: unknown): boolean => Number.isFinite(x);
const isCount = (x: unknown): boolean => Number.isInteger(x) && (x as number) >= 0;
const isNullableString = (x: unknown): boolean => x === null || typeof x === 'string';
const isNullableTime = (x: unknown): boolean => x === null || isTime(x);
const isOptionalString = (x: unknown): boolean => x === undefined || typeof x === 'string';
const isNullableError = (x: unknown): boolean => x === null || isActivationError(x);

/** True when `record` is plainly a live operation record (OperationSchema); false means "ask valibot". */
export function isPlainOperation(record: unknown): boolean {
  if (!isObject(record)) return false;
  if (!isString(record['id']) || !isString(record['entryPoint']) || !isString(record['value'])) return false;
  if (!isString(record['flow']) || !flowNames.has(record['flow'])) return false;
  if (!isNullableString(record['transactionId']) || !isTime(record['createdAt']) || !isObject(record['metadata'])) return false;
  if (!isOptionalString(record['origin']) || !isOptionalString(record['payloadIccid'])) return false;
  const diagnostics = record['diagnostics'];
  if (!Array.isArray(diagnostics)) return false;
  for (const d of diagnostics) if (!isObject(d) || !isString(d['code']) || !isString(d['message']) || (d['severity'] !== 'error' && d['severity'] !== 'warning')) return false;
  const callbacks = record['callbacks'];
  if (!Array.isArray(callbacks)) return false;
  for (const c of callbacks) if (!isObject(c) || !isString(c['script']) || !scripts.has(c['script']) || !isString(c['args']) || !isTime(c['at']) || typeof c['delivered'] !== 'boolean') return false;
  return isPlainContext(record['context']);
}

function isPlainContext(context: unknown): boolean {
  if (!isObject(context)) return false;
  if (!isString(context['operationId']) || !isTime(context['delayMs']) || !isTime(context['createdAt'])) return false;
  const code = context['code'];
  if (code !== null && !(isObject(code) && isString(code['address']) && typeof code['confirmationCodeRequired'] === 'boolean' && isString(code['masked']) && isOptionalString(code['oid']))) return false;
  if (!isNullableString(context['iccid']) || !isNullableError(context['inputError']) || !isNullableError(context['failure'])) return false;
  const route = context['legacyRoute'];
  if (route !== null && !legacyRoutes.has(route)) return false;
  if (!isNullableTime(context['deadline']) || !isNullableTime(context['startAt'])) return false;
  if (!isCount(context['confirmationAttempts']) || !isCount(context['registrationAttempts']) || !isCount(context['discoveryAttempts'])) return false;
  const registration = context['registrationState'];
  return registration === null || isNetworkRegistrationState(registration);
}

/** True when `secrets` is plainly an activation code and confirmation code entry (SecretSchema). */
export function isPlainSecrets(secrets: unknown): boolean {
  return isObject(secrets) && isOptionalString(secrets['activationCode']) && isOptionalString(secrets['confirmationCode']);
}
