import type { CallbackScript } from '../core/commands';
import { CALLBACK_SLOTS } from './callbacks';
import {
  CANCEL_ENTRY_POINT,
  HAND_OFF_ENTRY_POINTS,
  INLINE_OPERATION_OBJECTS,
  METADATA_FACTORY_OBJECTS,
  PORTAL_OBJECTS,
  type HandOffEntryPoint,
  type PortalObjectName,
} from './entryPoints';

/** What the page objects call into: the portal API's behaviour behind each method and slot. */
export interface PageObjectBehaviour {
  handOff(entry: HandOffEntryPoint, args: readonly unknown[]): unknown;
  cancel(args: readonly unknown[]): boolean;
  createPurchaseMetaData(): Record<string, unknown>;
  getSlot(script: CallbackScript): unknown;
  setSlot(script: CallbackScript, value: unknown): void;
}

/**
 * Build the frozen objects a portal page sees: every entry point as a method (independent of
 * `this`, so `const { notifyProfileDownload } = MobilePlansInlineOperations` works), the
 * metadata factories, and on every inline-operations object the two callback-script slots as
 * accessors onto one shared store (the spec sets them on one object and documents them on
 * another).
 *
 * @param behaviour - what each method and slot does
 * @returns the objects by global name
 */
export function buildPageObjects(behaviour: PageObjectBehaviour): Record<PortalObjectName, object> {
  const objects = Object.fromEntries(PORTAL_OBJECTS.map((name) => [name, {}])) as Record<PortalObjectName, Record<string, unknown>>;
  for (const entry of HAND_OFF_ENTRY_POINTS) {
    objects[entry.object][entry.method] = method(entry.method, entry.params.length, (args) => behaviour.handOff(entry, args));
  }
  objects[CANCEL_ENTRY_POINT.object][CANCEL_ENTRY_POINT.method] = method(CANCEL_ENTRY_POINT.method, 1, (args) => behaviour.cancel(args));
  for (const name of METADATA_FACTORY_OBJECTS) {
    objects[name]['createPurchaseMetaData'] = method('createPurchaseMetaData', 0, () => behaviour.createPurchaseMetaData());
  }
  for (const name of INLINE_OPERATION_OBJECTS) {
    for (const [script, slotName] of Object.entries(CALLBACK_SLOTS) as Array<[CallbackScript, string]>) {
      Object.defineProperty(objects[name], slotName, {
        get: () => behaviour.getSlot(script),
        set: (value: unknown) => behaviour.setSlot(script, value),
        enumerable: true,
        configurable: false,
      });
    }
  }
  for (const name of PORTAL_OBJECTS) Object.freeze(objects[name]);
  return objects;
}

/** A page method with the spec's name and parameter count, taking any arguments. */
function method(name: string, length: number, body: (args: readonly unknown[]) => unknown): (...args: unknown[]) => unknown {
  const fn = (...args: unknown[]): unknown => body(args);
  Object.defineProperty(fn, 'name', { value: name });
  Object.defineProperty(fn, 'length', { value: length });
  return Object.freeze(fn);
}
