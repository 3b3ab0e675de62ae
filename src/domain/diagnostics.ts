/**
 * Every kind of diagnostic any layer emits (the domain's own, plus `invalidCallback`,
 * `callRefused`, `effectFailed`, ... from the portal, core and host layers).
 * A diagnostic never blocks a fulfilment; it goes into the report and the log.
 */
export type DiagnosticCode =
  /** Purchase metadata is not an object (null, a string, an array, ...). */
  | 'metadataNotObject'
  /** Reading the purchase metadata object failed (a throwing getter or proxy). */
  | 'metadataUnreadable'
  /** A field the spec requires is absent. */
  | 'missingRequiredField'
  /** A metadata value is not one of the spec's values for that field. */
  | 'unknownEnumValue'
  /** Two spellings of one field (`line`/`lineType`, `iccid`/`Iccid`, ...) disagree. */
  | 'aliasConflict'
  /** `planName` is not empty although `moDirectStatus` is not `Complete`. */
  | 'planNameMustBeEmpty'
  /** `planName` is empty although `moDirectStatus` is `Complete`. */
  | 'planNameRequired'
  /** A property the spec does not define (ignored). */
  | 'unknownField'
  /** More unknown properties than are reported one by one. */
  | 'tooManyUnknownFields'
  /** A value of the wrong JavaScript type (a number where a string is expected, ...). */
  | 'wrongType'
  /** An ICCID whose check digit fails the Luhn check (accepted anyway). */
  | 'iccidLuhnFailed'
  /** A transaction id that differs from the one the portal was launched with. */
  | 'transactionIdMismatch'
  /** A transaction id that is empty, too long or not printable. */
  | 'invalidTransactionId'
  /** A legacy payload given as an object instead of a JSON string. */
  | 'payloadNotString'
  /** A legacy `purchaseResult` that is neither a JSON object string nor an object. */
  | 'invalidPurchaseResult'
  /** A boolean given as the string "true" or "false". */
  | 'booleanAsString'
  /** A legacy payload version other than "1". */
  | 'unknownVersion'
  /** A callback script that is neither a function nor the name of a global function. */
  | 'invalidCallback'
  /** A page called a misspelt entry point that is accepted as an alias of the documented one. */
  | 'undocumentedEntryPoint'
  /** A legacy payload whose facts disagree: `success: true` with a `moDirectStatus` other than `Complete`. */
  | 'inconsistentPurchaseResult'
  /** A legacy payload's `iccid` differs from the ICCID of the profile its activation code downloaded (the download's is used). */
  | 'iccidMismatch'
  /** A hand-off refused before any operation started (e.g. an invalid delay). */
  | 'callRefused'
  /** An activation code that is not SGP.22 (the operation fails with `invalidActivationCode`). */
  | 'invalidActivationCode'
  /** An ICCID that is not one (the operation fails with `invalidIccid`). */
  | 'invalidIccid'
  /** A legacy payload that is not the documented JSON (the operation fails with `invalidJson`). */
  | 'invalidJson'
  /** An effect of the host application threw or rejected. */
  | 'effectFailed'
  /** A loaded document, or one record in it, could not be used and was handed to `onQuarantine`. */
  | 'documentQuarantined';

/** How serious a diagnostic is: `error` breaks a spec rule, `warning` is a tolerated deviation. */
export type DiagnosticSeverity = 'error' | 'warning';

/** One problem found in portal input, reported but never fatal. */
export type Diagnostic = {
  code: DiagnosticCode;
  severity: DiagnosticSeverity;
  /** The property at fault, e.g. `planName` or `purchaseResult.line`. */
  field?: string;
  message: string;
};

/**
 * Builds a {@link Diagnostic}.
 *
 * @param code - what kind of problem
 * @param message - what the portal developer should fix
 * @param field - the property at fault, if any
 * @param severity - `error` (default) or `warning`
 * @example diagnostic('unknownField', 'unknown property "colour" is ignored', 'colour', 'warning')
 */
export function diagnostic(
  code: DiagnosticCode,
  message: string,
  field?: string,
  severity: DiagnosticSeverity = 'error',
): Diagnostic {
  const d: Diagnostic = { code, severity, message };
  if (field !== undefined) d.field = field;
  return d;
}

/**
 * Shortens untrusted text for use inside a message, so a huge value cannot bloat a report.
 *
 * @param text - the text to quote
 * @param max - the most characters kept (default 40)
 * @example quote('abc') // '"abc"'
 */
export function quote(text: string, max = 40): string {
  const shown = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(shown);
}

/** How many unknown properties are reported one by one before a single summary. */
export const MAX_UNKNOWN_FIELD_DIAGNOSTICS = 10;

/**
 * Warnings for properties the spec does not define: one per key up to
 * {@link MAX_UNKNOWN_FIELD_DIAGNOSTICS}, then one summary, so a huge object cannot flood a report.
 *
 * @param keys - the unknown property names, in order
 * @param what - what they were found on, e.g. `purchase metadata`
 * @param fieldPrefix - prepended to each diagnostic's field
 * @example unknownFieldDiagnostics(['colour'], 'purchase metadata')[0]?.code // 'unknownField'
 */
export function unknownFieldDiagnostics(keys: readonly string[], what: string, fieldPrefix = ''): Diagnostic[] {
  const diagnostics = keys.slice(0, MAX_UNKNOWN_FIELD_DIAGNOSTICS).map((key) => {
    const message = `unknown ${what} property ${quote(key)} is ignored`;
    return diagnostic('unknownField', message, fieldPrefix + key.slice(0, 40), 'warning');
  });
  if (keys.length > MAX_UNKNOWN_FIELD_DIAGNOSTICS) {
    const message = `${keys.length - MAX_UNKNOWN_FIELD_DIAGNOSTICS} more unknown ${what} properties are ignored`;
    diagnostics.push(diagnostic('tooManyUnknownFields', message, undefined, 'warning'));
  }
  return diagnostics;
}

/**
 * Names the JavaScript type of a value for a message, without showing the value itself.
 *
 * @param value - anything a portal passed
 * @example describeType(null) // 'null'
 * @example describeType([1]) // 'an array'
 * @example describeType(42) // 'a number'
 */
export function describeType(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
