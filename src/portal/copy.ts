import type { Json } from '../core/inputs';

/** How much of an untrusted argument {@link copyArgument} is willing to read. */
export interface CopyLimits {
  /** The longest string (value or key), in UTF-16 code units. */
  readonly maxStringLength: number;
  /** The deepest nesting of objects and arrays (the argument itself is depth 1). */
  readonly maxDepth: number;
  /** The most values (objects, arrays and leaves) in the whole argument. */
  readonly maxValues: number;
  /** The most characters of all strings and keys together. */
  readonly maxTotalLength: number;
}

/** The longest string in an ordinary argument: 4 KiB (activation codes are at most 1 KiB). */
export const MAX_ARGUMENT_STRING_LENGTH = 4096;

/** The limits for every argument but the legacy payload. */
export const ARGUMENT_LIMITS: CopyLimits = Object.freeze({
  maxStringLength: MAX_ARGUMENT_STRING_LENGTH,
  maxDepth: 16,
  maxValues: 10_000,
  maxTotalLength: 256 * 1024,
});

/** The limits for the `DataMart.notifyPurchaseResult` payload: the domain reads at most 1 MiB of it. */
export const PAYLOAD_LIMITS: CopyLimits = Object.freeze({
  maxStringLength: 1024 * 1024,
  maxDepth: 16,
  maxValues: 10_000,
  maxTotalLength: 1024 * 1024 + 256 * 1024,
});

/**
 * A copied argument: plain JSON data the page can no longer change (`undefined` when the
 * argument was absent), or where and why it could not be copied.
 */
export type CopyResult =
  | { readonly ok: true; readonly value: Json | undefined }
  | { readonly ok: false; readonly path: string; readonly problem: string };

/** Thrown inside the copy only, and caught at its top. */
class Refusal {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {}
}

interface Budget {
  values: number;
  length: number;
  readonly ancestors: Set<object>;
}

/**
 * Copy an untrusted argument into plain JSON data, never trusting it: every property read is
 * guarded (a throwing getter or Proxy trap refuses the copy instead of escaping), only own
 * enumerable string keys are read, `toJSON` / `toString` / `valueOf` are never called, and the
 * size is bounded. Like `JSON.stringify`, `undefined` properties are left out and `undefined`
 * array items become `null`. Unlike it, functions, symbols and BigInts anywhere, cycles, and
 * anything over the limits refuse the copy: such a call is a portal bug to report, not to guess
 * around. Numbers are kept as they are (`NaN` too), so the core can name a bad delay exactly.
 * A `__proto__` key is copied as an ordinary own property and never touches a prototype.
 *
 * @param value - what the page passed
 * @param name - the parameter's name, the root of the path in a refusal
 * @param limits - how much to read at most
 * @example copyArgument({ planName: '2GB' }, 'purchaseMetadata', ARGUMENT_LIMITS) // { ok: true, value: { planName: '2GB' } }
 * @example copyArgument(() => 1, 'activationCode', ARGUMENT_LIMITS).ok // false
 */
export function copyArgument(value: unknown, name: string, limits: CopyLimits): CopyResult {
  try {
    const budget: Budget = { values: 0, length: 0, ancestors: new Set() };
    return { ok: true, value: copyValue(value, name, 1, limits, budget) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, path: error.path, problem: error.problem };
    return { ok: false, path: name, problem: 'could not be read' };
  }
}

function copyValue(value: unknown, path: string, depth: number, limits: CopyLimits, budget: Budget): Json | undefined {
  budget.values += 1;
  if (budget.values > limits.maxValues) throw new Refusal(path, `holds more than ${limits.maxValues} values`);
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'boolean':
    case 'number':
      return value;
    case 'string':
      return copyString(value, path, limits, budget);
    case 'bigint':
      throw new Refusal(path, 'is a BigInt, which JSON cannot carry; pass a number or a string');
    case 'symbol':
      throw new Refusal(path, 'is a symbol, which JSON cannot carry');
    case 'function':
      throw new Refusal(path, 'is a function; pass plain data (for a callback, set registrationChangedScript or profileActivationCompleteScript)');
  }
  if (value === null) return null;
  const object = value as object;
  if (depth > limits.maxDepth) throw new Refusal(path, `is nested more than ${limits.maxDepth} levels deep`);
  if (budget.ancestors.has(object)) throw new Refusal(path, 'refers back to an object that contains it (a cycle), which JSON cannot carry');
  budget.ancestors.add(object);
  const copy = read(path, () => Array.isArray(object)) ? copyArray(object as unknown[], path, depth, limits, budget) : copyObject(object, path, depth, limits, budget);
  budget.ancestors.delete(object);
  return copy;
}

function copyString(text: string, path: string, limits: CopyLimits, budget: Budget): string {
  if (text.length > limits.maxStringLength) {
    throw new Refusal(path, `is a string of ${text.length} characters, more than the ${limits.maxStringLength} allowed`);
  }
  budget.length += text.length;
  if (budget.length > limits.maxTotalLength) throw new Refusal(path, `makes the argument longer than the ${limits.maxTotalLength} characters allowed`);
  return text;
}

function copyArray(array: unknown[], path: string, depth: number, limits: CopyLimits, budget: Budget): Json[] {
  const length = read(path, () => array.length);
  if (!Number.isSafeInteger(length) || length < 0 || length > limits.maxValues) throw new Refusal(path, `is an array of more than ${limits.maxValues} items`);
  const out: Json[] = [];
  for (let i = 0; i < length; i++) {
    const at = `${path}[${i}]`;
    const item = copyValue(read(at, () => array[i]), at, depth + 1, limits, budget);
    out.push(item === undefined ? null : item);
  }
  return out;
}

function copyObject(object: object, path: string, depth: number, limits: CopyLimits, budget: Budget): { [key: string]: Json } {
  // Before any key is listed: Object.keys of a Uint8Array(1e7) or a long String object makes 10 million keys.
  const exotic = read(path, () => exoticKind(object));
  if (exotic !== null) throw new Refusal(path, `is ${exotic}, not plain data; pass a plain object, an array or a string`);
  const keys = read(path, () => Object.keys(object));
  if (keys.length > limits.maxValues) throw new Refusal(path, `has more than ${limits.maxValues} properties`);
  const out: { [key: string]: Json } = {};
  for (const key of keys) {
    const at = `${path}${propertyPath(key)}`;
    copyString(key, at, limits, budget);
    const item = copyValue(read(at, () => (object as Record<string, unknown>)[key]), at, depth + 1, limits, budget);
    // defineProperty: a "__proto__" key stays an own property and never sets a prototype.
    if (item !== undefined) Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * What kind of indexed built-in `object` is (typed arrays, buffers, boxed strings), or null.
 * Brand checks only: they read internal slots, never a getter or a trap of the page's (the
 * intrinsic `byteLength` getter, run on `object`, throws unless it is that kind of buffer).
 */
function exoticKind(object: object): string | null {
  if (ArrayBuffer.isView(object)) return 'binary data (a typed array or DataView)';
  if (isBranded(() => Reflect.get(ArrayBuffer.prototype, 'byteLength', object))) return 'an ArrayBuffer';
  if (typeof SharedArrayBuffer === 'function' && isBranded(() => Reflect.get(SharedArrayBuffer.prototype, 'byteLength', object))) return 'a SharedArrayBuffer';
  if (isBranded(() => String.prototype.valueOf.call(object))) return 'a String object';
  return null;
}

function isBranded(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}

/** A guarded read: a getter or Proxy trap that throws refuses the copy. */
function read<T>(path: string, get: () => T): T {
  try {
    return get();
  } catch {
    throw new Refusal(path, 'could not be read (a getter or Proxy threw)');
  }
}

/**
 * How a property appears in a path: `.planName`, or `["odd key"]` (shortened) for other keys.
 *
 * @param key - a property name from the page
 * @example propertyPath('planName') // '.planName'
 */
export function propertyPath(key: string): string {
  if (/^[A-Za-z_$][\w$]{0,63}$/.test(key)) return `.${key}`;
  const shown = key.length > 40 ? `${key.slice(0, 40)}…` : key;
  return `[${JSON.stringify(shown)}]`;
}
