import type { CallbackScript } from '../core/commands';
import { quote } from '../domain/diagnostics';

/** The page property that holds each callback script (spec: "Listening for ..."). */
export const CALLBACK_SLOTS: Readonly<Record<CallbackScript, string>> = Object.freeze({
  registrationChanged: 'registrationChangedScript',
  profileActivationComplete: 'profileActivationCompleteScript',
});

/** A callback ready to call: the portal's function and the `this` it is called with. */
export interface ResolvedCallback {
  readonly fn: (args: string) => unknown;
  readonly thisArg: unknown;
}

/** The longest callback name accepted. */
export const MAX_CALLBACK_NAME_LENGTH = 256;

const SEGMENT = /^[A-Za-z_$][\w$]*$/;

/**
 * Names a callback path may never pass through: `Object.prototype` and `Function.prototype`
 * builtins, and the globals that run strings as code.
 */
const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set([
  'constructor', '__proto__', 'prototype', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty',
  'isPrototypeOf', 'propertyIsEnumerable', '__defineGetter__', '__defineSetter__', '__lookupGetter__',
  '__lookupSetter__', 'call', 'apply', 'bind', 'caller', 'callee', 'arguments',
  'eval', 'Function', 'setTimeout', 'setInterval', 'setImmediate', 'execScript',
]);
const STRING_RUNNERS = /^(?:bound )*(?:eval|Function|setTimeout|setInterval|setImmediate|execScript)$/;

/**
 * Resolve what a callback slot holds: a function (2018 documents) or the name of a global
 * function, `onDone` or a dotted path `portal.callbacks.onDone` (current documents;
 * decision D4 in docs/decisions.md). Names are looked up on `page` at call time, property by property, never
 * evaluated; a lookup may not reach `Object.prototype` builtins, and functions that run strings
 * as code (`eval`, `setTimeout`, ...) are refused however they are reached.
 *
 * @param page - the page's global object
 * @param slot - what the portal set (anything)
 * @param slotName - the slot's property name, for messages
 * @returns the function, or what the portal developer must fix
 * @example resolveCallback(window, 'onActivationComplete', 'profileActivationCompleteScript')
 */
export function resolveCallback(page: object, slot: unknown, slotName: string): ResolvedCallback | { readonly problem: string } {
  try {
    if (typeof slot === 'function') return checked(page, slot, undefined, `the function given as ${slotName}`);
    if (slot === undefined || slot === null || slot === '') {
      return { problem: `${slotName} is not set; set it to your function or its global name before the call to hear the result` };
    }
    if (typeof slot !== 'string') return { problem: `${slotName} must be a function or the name of a global function, not ${typeName(slot)}` };
    return resolveName(page, slot, slotName);
  } catch {
    return { problem: `${slotName} could not be resolved (a getter or Proxy threw)` };
  }
}

function resolveName(page: object, name: string, slotName: string): ResolvedCallback | { readonly problem: string } {
  const shown = quote(name);
  const segments = name.length > MAX_CALLBACK_NAME_LENGTH ? [] : name.split('.');
  if (segments.length === 0 || !segments.every((segment) => SEGMENT.test(segment))) {
    return { problem: `${slotName} ${shown} is not a function name; give a global function's name such as "onActivationComplete" (or a dotted path "portal.onDone"), never code` };
  }
  const forbidden = segments.find((segment) => FORBIDDEN_SEGMENTS.has(segment));
  if (forbidden !== undefined) return { problem: `${slotName} ${shown} uses ${quote(forbidden)}, which is never looked up; name your own function` };
  let holder: unknown = page;
  let parent: unknown = undefined;
  for (const segment of segments) {
    if (holder === null || (typeof holder !== 'object' && typeof holder !== 'function')) {
      return { problem: `${slotName} ${shown}: ${quote(segment)} cannot be looked up on ${typeName(holder)}` };
    }
    if (!ownedBelowRoot(holder, segment)) return { problem: `${slotName} ${shown}: no global ${quote(segment)} is defined on the page` };
    parent = holder;
    holder = Reflect.get(holder, segment);
  }
  return checked(page, holder, segments.length > 1 ? parent : undefined, `${slotName} ${shown}`);
}

/**
 * Whether `key` is found on `object` or its prototypes, but not on the root of the chain
 * (`Object.prototype` of any realm, whose builtins are never callbacks).
 */
function ownedBelowRoot(object: object, key: string): boolean {
  let current: object | null = object;
  for (let hops = 0; current !== null && hops < 64; hops++) {
    const next: object | null = Reflect.getPrototypeOf(current);
    if (Reflect.getOwnPropertyDescriptor(current, key) !== undefined) return next !== null || current === object;
    current = next;
  }
  return false;
}

function checked(page: object, fn: unknown, thisArg: unknown, what: string): ResolvedCallback | { readonly problem: string } {
  if (typeof fn !== 'function') return { problem: `${what} is ${typeName(fn)}, not a function` };
  const name: unknown = Reflect.get(fn, 'name');
  if ((typeof name === 'string' && STRING_RUNNERS.test(name)) || runsStrings(page, fn)) {
    return { problem: `${what} is a builtin that runs text as code; name your own function` };
  }
  return { fn: fn as (args: string) => unknown, thisArg };
}

function runsStrings(page: object, fn: unknown): boolean {
  for (const name of ['eval', 'Function', 'setTimeout', 'setInterval', 'execScript']) {
    if (Reflect.get(page, name) === fn || Reflect.get(globalThis, name) === fn) return true;
  }
  return false;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
