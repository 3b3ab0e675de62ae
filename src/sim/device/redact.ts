import { formatActivationCode, MATCHING_ID_MASK, maskActivationCode, parseActivationCode } from '../../domain/activationCode';

/*
 * The simulated device sees activation codes in clear (it is the LPA), so everything it shows
 * (trace, listings) goes through here first. A matching ID is a credential.
 */

// `1$address$matchingId[$oid[$flag]]`, optionally `LPA:`-prefixed, anywhere inside a text.
const CODE_IN_TEXT = /(?:LPA:)?1\$[^\s$"'\\]*\$[^\s$"'\\]*(?:\$[^\s$"'\\]*){0,2}/gi;

/** Secrets shorter than this are not hunted inside free text (they would mangle ordinary words). */
export const MIN_SCRUBBED_SECRET_LENGTH = 6;

/**
 * A non-reversible key for an activation code, so the device can recognise a code it has seen
 * without keeping it. Equal codes in any spelling (`LPA:` prefix, ...) give equal keys.
 *
 * @param activationCode - the full code
 * @example codeKey('LPA:1$smdp.example.com$X') === codeKey('1$smdp.example.com$X') // true
 */
export function codeKey(activationCode: string): string {
  const parsed = parseActivationCode(activationCode);
  const canonical = parsed.ok ? formatActivationCode(parsed.value) : activationCode;
  return `code:${digest(canonical)}`;
}

/**
 * The matching ID inside an activation code, or null when it does not parse or has none.
 *
 * @param activationCode - the full code
 * @example matchingIdOf('1$smdp.example.com$MATCH-1') // 'MATCH-1'
 */
export function matchingIdOf(activationCode: string): string | null {
  const parsed = parseActivationCode(activationCode);
  return parsed.ok && parsed.value.matchingId !== '' ? parsed.value.matchingId : null;
}

/**
 * A text with every activation code inside it masked (`1$smdp.example.com$***`).
 *
 * @param text - any text
 * @example redactText('downloading 1$smdp.example.com$MATCH-1 now') // 'downloading 1$smdp.example.com$*** now'
 */
export function redactText(text: string): string {
  return text.replace(CODE_IN_TEXT, (code) => maskActivationCode(code));
}

/**
 * Masks activation codes, and the secrets it was told about (matching IDs),
 * in texts and in every string of a JSON-like value.
 *
 * @example
 * const redactor = new Redactor();
 * redactor.keep('MATCH-1');
 * redactor.value({ note: 'id MATCH-1' }); // { note: 'id ***' }
 */
export class Redactor {
  // Secrets by length, longest first: a text is scanned once per distinct length, not once per
  // secret, so the cost of a line does not grow with the secrets seen (10,000 operations, 10,000 IDs).
  readonly #byLength = new Map<number, Set<string>>();
  #lengths: number[] = [];
  // The first character of every secret: most positions of a text start none and are skipped.
  readonly #firstCharacters = new Set<number>();

  /** Remember a secret to mask wherever it appears (ignored when shorter than {@link MIN_SCRUBBED_SECRET_LENGTH}). */
  keep(secret: string | null): void {
    if (secret === null || secret.length < MIN_SCRUBBED_SECRET_LENGTH) return;
    let secrets = this.#byLength.get(secret.length);
    if (secrets === undefined) {
      this.#byLength.set(secret.length, (secrets = new Set()));
      this.#lengths = [...this.#byLength.keys()].sort((a, b) => b - a);
    }
    secrets.add(secret);
    this.#firstCharacters.add(secret.charCodeAt(0));
  }

  /** Remember the matching ID of an activation code. */
  keepCode(activationCode: string): void {
    this.keep(matchingIdOf(activationCode));
  }

  /** A text with codes and known secrets masked. */
  text(text: string): string {
    const out = redactText(text);
    return this.#lengths.length === 0 ? out : this.#maskSecrets(out);
  }

  /** Every known secret inside `text` masked; overlapping ones become one mask. */
  #maskSecrets(text: string): string {
    let covered: Uint8Array | null = null;
    for (let at = 0; at + MIN_SCRUBBED_SECRET_LENGTH <= text.length; at++) {
      if (!this.#firstCharacters.has(text.charCodeAt(at))) continue;
      for (const length of this.#lengths) {
        if (at + length > text.length || !this.#byLength.get(length)!.has(text.slice(at, at + length))) continue;
        covered ??= new Uint8Array(text.length);
        covered.fill(1, at, at + length);
        break; // the longest secret starting here covers any shorter one that also does
      }
    }
    if (covered === null) return text;
    let out = '';
    for (let i = 0; i < text.length; i++) {
      if (covered[i] === 0) out += text[i];
      else if (i === 0 || covered[i - 1] === 0) out += MATCHING_ID_MASK;
    }
    return out;
  }

  /** A deep copy of a JSON-like value with every string masked; functions and undefined are dropped. */
  value(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
    if (Array.isArray(value)) return value.map((item) => this.value(item));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const copy = this.value(item);
      if (copy !== undefined) out[this.text(key)] = copy;
    }
    return out;
  }
}

/** cyrb53: a fast 53-bit string hash; enough to tell codes apart, and it does not give them back. */
function digest(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}
