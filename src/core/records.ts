/*
 * The state's maps are keyed by ids and ICCIDs that come from outside (the portal, the host's
 * effects, a loaded document). A key such as `__proto__` or `constructor` must read and write
 * an ordinary own entry, never `Object.prototype`, whatever prototype the map has (a fresh
 * state uses null-prototype maps; a document parsed elsewhere has ordinary ones).
 */

/** A record keyed by outside ids. */
export type IdMap<T> = Record<string, T>;

/** An empty map without a prototype: no key ever reaches `Object.prototype`. */
export function emptyMap<T>(): IdMap<T> {
  return Object.create(null) as IdMap<T>;
}

/** The own entry at `key`, or undefined; never an inherited property. */
export function own<T>(map: IdMap<T>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/** Set the own entry at `key` (a `__proto__` key stays an ordinary entry). */
export function setOwn<T>(map: IdMap<T>, key: string, value: NoInfer<T>): void {
  // Stryker disable next-line ConditionalExpression: equivalent; defining any key makes the same ordinary entry, the assignment is only faster
  if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}
