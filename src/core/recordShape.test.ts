import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { OperationSchema, SecretSchema } from './document';
import { isPlainOperation, isPlainSecrets } from './recordShape';

/*
 * The quick check may refuse what valibot accepts (valibot then decides), never the reverse:
 * every record it accepts, among generated mutations of real records, the schema accepts too.
 */

type Json = Record<string, unknown>;
const fixture = JSON.parse(readFileSync(new URL('../../test/fixtures/document-v1.json', import.meta.url), 'utf8')) as { operations: Record<string, Json>; secrets: { operations: Record<string, Json> } };
const delayed = fixture.operations['op-1']!;
/** A record with every optional part filled: callbacks, diagnostics, an OID, an ICCID, a registration. */
const full: Json = {
  ...structuredClone(delayed),
  origin: 'https://portal.example.com',
  payloadIccid: '8988247000000000001',
  diagnostics: [{ code: 'metadataNormalized', severity: 'warning', message: 'x', field: 'planName' }],
  callbacks: [{ script: 'registrationChanged', args: '{"networkRegistrationState":"home","iccid":"1"}', at: 5, delivered: true }],
  context: {
    ...structuredClone(delayed['context'] as Json),
    code: { address: 'a.example.com', confirmationCodeRequired: true, masked: '1$a.example.com$***', oid: '1.3.6' },
    iccid: '8988247000000000001',
    inputError: 'invalidJson',
    legacyRoute: 'download',
    failure: 'unknownError',
    registrationState: 'home',
  },
};
const RECORDS: Json[] = [...Object.values(fixture.operations), full];

/** Every path into `value` (objects and arrays), the root excluded. */
function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== 'object' || value === null) return [];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((key) => [[...prefix, key], ...pathsOf((value as Record<string | number, unknown>)[key], [...prefix, key])]);
}

/** A copy of `record` with the value at `path` replaced (or deleted when `replacement` is DELETE). */
function mutate(record: Json, path: ReadonlyArray<string | number>, replacement: unknown): Json {
  const copy = structuredClone(record);
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (replacement === DELETE) delete parent[last];
  else parent[last] = replacement;
  return copy;
}
const DELETE = Symbol('delete');

const tricky = fc.constantFrom<unknown>(DELETE, undefined, null, NaN, Infinity, -Infinity, -1, 1.5, 0, '', 'error', 'home', 'download', 'registrationChanged', 'delayedDownload', true, false, [], {}, [1], { a: 1 });
const replacement = fc.oneof(tricky, fc.anything());

describe('isPlainOperation', () => {
  it('accepts the real records (so restore takes the shortcut) and they pass the schema', () => {
    for (const record of RECORDS) {
      expect(isPlainOperation(record)).toBe(true);
      expect(v.safeParse(OperationSchema, record).success).toBe(true);
    }
  });

  it('accepts a record with diagnostics of both severities', () => {
    const diagnostics = [
      { code: 'missingRequiredField', severity: 'error', message: 'planName is required', field: 'planName' },
      { code: 'metadataNormalized', severity: 'warning', message: 'x' },
    ];
    expect(isPlainOperation({ ...full, diagnostics })).toBe(true);
  });

  it.each([null, undefined, 'record', 7, []])('refuses %j, which is no record at all', (record) => {
    expect(isPlainOperation(record)).toBe(false);
    expect(v.safeParse(OperationSchema, record).success).toBe(false);
  });

  it('never accepts a mutated record the schema refuses', () => {
    const cases = RECORDS.flatMap((record) => pathsOf(record).map((path) => ({ record, path })));
    fc.assert(
      fc.property(fc.constantFrom(...cases), replacement, ({ record, path }, value) => {
        const mutated = mutate(record, path, value);
        if (isPlainOperation(mutated)) expect(v.safeParse(OperationSchema, mutated).success).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('refuses each field the schema requires, when it is gone or of the wrong type', () => {
    for (const path of pathsOf(full)) {
      for (const value of [DELETE, null, NaN, 'x', {}]) {
        const mutated = mutate(full, path, value);
        if (!v.safeParse(OperationSchema, mutated).success) expect(isPlainOperation(mutated), `${path.join('.')} = ${typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? 'deleted')}`).toBe(false);
      }
    }
  });
});

describe('isPlainSecrets', () => {
  it('agrees with the schema on codes present, missing and of the wrong type', () => {
    const samples: unknown[] = [fixture.secrets.operations['op-1'], {}, { activationCode: 'x', confirmationCode: 'y' }, { activationCode: 1 }, { confirmationCode: null }, null, [], 'x'];
    for (const secrets of samples) if (isPlainSecrets(secrets)) expect(v.safeParse(SecretSchema, secrets).success).toBe(true);
    expect(isPlainSecrets(samples[0])).toBe(true);
    fc.assert(fc.property(fc.dictionary(fc.constantFrom('activationCode', 'confirmationCode', 'other'), fc.anything()), (secrets) => !isPlainSecrets(secrets) || v.safeParse(SecretSchema, secrets).success));
  });
});
