import { isCountryCode } from '../domain/country';
import { describeType } from '../domain/diagnostics';
import { validateEid } from '../domain/eid';
import { validateIccid } from '../domain/iccid';
import { validateTransactionId } from '../domain/transactionId';
import { normalizeAllowedHosts, originProblem } from './origin';

/** What the host knows when it opens the operator's portal (spec README: portal launch). */
export interface PortalLaunchOptions {
  /** The operator's portal address from its service configuration: `https`, on `allowedHosts`. */
  readonly portalUrl: string;
  /** The operator's allowed hosts (as for `createPortalApi`); the portal URL must be on them. */
  readonly allowedHosts: readonly string[];
  /** The eUICC's EID (eSIM devices): 32 digits, mod 97 = 1. */
  readonly eid?: string;
  /** The physical SIM's ICCID, when the device has one. */
  readonly iccid?: string;
  /** The ICCIDs of the operator's profiles already on the eSIM (sent comma-separated). */
  readonly iccids?: readonly string[];
  /** Where the user is: ISO 3166-1 alpha-2 (`FR`). */
  readonly location?: string;
  /** The market of the plan: ISO 3166-1 alpha-2 (`FR`). */
  readonly market?: string;
  /** 1 to 64 printable ASCII characters; the portal logs it and sends it back. */
  readonly transactionId: string;
  /** The user's languages, most preferred first (BCP 47: `fr-FR`), for `Accept-Language`. */
  readonly language?: string | readonly string[];
}

/** Every launch parameter the portal receives, with what `portalLaunch` checks (the portal reference lists them). */
export const LAUNCH_PARAMETERS: ReadonlyArray<{ readonly name: string; readonly where: 'query' | 'header'; readonly rule: string }> = [
  { name: 'eid', where: 'query', rule: 'eSIM devices: the EID, 32 digits passing the ISO 7064 mod 97-10 check' },
  { name: 'iccid', where: 'query', rule: 'the physical SIM\'s ICCID (18 to 22 digits starting with 89, optional trailing F)' },
  { name: 'iccids', where: 'query', rule: 'the ICCIDs of the operator\'s profiles already on the eSIM, comma-separated, each checked as `iccid`' },
  { name: 'location', where: 'query', rule: 'where the user is: an assigned ISO 3166-1 alpha-2 code in capitals (`DE`)' },
  { name: 'market', where: 'query', rule: 'the plan\'s market: an assigned ISO 3166-1 alpha-2 code in capitals (`FR`)' },
  { name: 'transactionId', where: 'query', rule: 'always: 1 to 64 printable ASCII characters without spaces; log it and send it back. `host.launch` refuses any other' },
  { name: 'Accept-Language', where: 'header', rule: 'the user\'s languages, BCP 47 tags most preferred first (`fr-FR, en;q=0.9`)' },
];

/** The request that opens the portal: the URL with its query parameters, and the headers. */
export interface PortalLaunch {
  /** The portal URL with the launch parameters in its query. */
  readonly url: string;
  /** The request headers: `Accept-Language` when languages were given. */
  readonly headers: Readonly<Record<string, string>>;
}

/** One launch parameter that was wrong, and what to fix. */
export interface PortalLaunchProblem {
  /** The option at fault, e.g. `eid` or `iccids[1]`. */
  readonly field: string;
  /** What is wrong and what is expected. */
  readonly message: string;
}

/** Thrown by {@link portalLaunch} with every problem found, not just the first. */
export class PortalLaunchError extends TypeError {
  /** Every wrong parameter. */
  readonly problems: readonly PortalLaunchProblem[];
  /** @param problems - every wrong parameter */
  constructor(problems: readonly PortalLaunchProblem[]) {
    super(`the portal cannot be launched: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    this.name = 'PortalLaunchError';
    this.problems = problems;
  }
}

/**
 * Build the request that opens the operator's portal (decision D30): `eid`, `iccid`, `iccids`,
 * `location`, `market` and `transactionId` as query parameters (kept beside any the portal URL
 * already has), the user's language as `Accept-Language`. Every value is checked first.
 *
 * @param options - the portal URL, its allowed hosts and the launch parameters
 * @returns the URL and headers to open the web view with
 * @throws PortalLaunchError listing every wrong parameter
 * @example
 * portalLaunch({ portalUrl: 'https://portal.example.com/buy', allowedHosts: ['portal.example.com'],
 *   eid: '89049032123451234512345678901235', market: 'FR', transactionId: 't-1', language: 'fr-FR' })
 * // { url: 'https://portal.example.com/buy?eid=8904...&market=FR&transactionId=t-1', headers: { 'Accept-Language': 'fr-FR' } }
 */
export function portalLaunch(options: PortalLaunchOptions): PortalLaunch {
  const problems: PortalLaunchProblem[] = [];
  const problem = (field: string, message: string): void => void problems.push({ field, message });
  const params: Array<[string, string]> = [];

  let allowedHosts: string[] = [];
  try {
    allowedHosts = normalizeAllowedHosts(Array.isArray(options.allowedHosts) ? options.allowedHosts : []);
  } catch (error) {
    problem('allowedHosts', error instanceof Error ? error.message : 'is not a list of host names');
  }
  const urlProblem = originProblem(options.portalUrl, { allowedHosts, allowLocalhost: false });
  if (urlProblem !== null) problem('portalUrl', urlProblem.replace('the page', 'the portal'));

  if (options.eid !== undefined) {
    const eid = validateEid(options.eid);
    if (eid.ok) params.push(['eid', eid.value]);
    else problem('eid', eid.error.message);
  }
  if (options.iccid !== undefined) {
    const iccid = validateIccid(options.iccid);
    if (iccid.ok) params.push(['iccid', iccid.value.iccid]);
    else problem('iccid', iccid.error.message);
  }
  if (options.iccids !== undefined) {
    if (!Array.isArray(options.iccids)) problem('iccids', `must be a list of ICCIDs, got ${describeType(options.iccids)}`);
    else {
      const valid: string[] = [];
      options.iccids.forEach((value: unknown, i: number) => {
        const iccid = validateIccid(value);
        if (iccid.ok) valid.push(iccid.value.iccid);
        else problem(`iccids[${i}]`, iccid.error.message);
      });
      if (valid.length > 0) params.push(['iccids', valid.join(',')]);
    }
  }
  for (const field of ['location', 'market'] as const) {
    const value: unknown = options[field];
    if (value === undefined) continue;
    if (isCountryCode(value)) params.push([field, value]);
    else problem(field, `must be an ISO 3166-1 alpha-2 country code in capitals such as FR or GB, got ${typeof value === 'string' ? JSON.stringify(value.slice(0, 20)) : describeType(value)}`);
  }
  const transactionId = validateTransactionId(options.transactionId);
  if (transactionId.ok) params.push(['transactionId', transactionId.value]);
  else problem('transactionId', transactionId.error.message);

  const headers: Record<string, string> = {};
  if (options.language !== undefined) {
    const acceptLanguage = acceptLanguageOf(options.language);
    if (typeof acceptLanguage === 'string') headers['Accept-Language'] = acceptLanguage;
    else problem('language', acceptLanguage.problem);
  }
  if (problems.length > 0) throw new PortalLaunchError(problems);

  const url = new URL(options.portalUrl);
  for (const [name, value] of params) url.searchParams.set(name, value);
  return { url: url.href, headers };
}

/** `fr-FR, fr;q=0.9, en;q=0.8` from tags in preference order, each checked and canonicalized by `Intl`. */
function acceptLanguageOf(language: string | readonly string[]): string | { problem: string } {
  const tags: unknown[] = typeof language === 'string' ? [language] : Array.isArray(language) ? language : [];
  if (tags.length === 0 || tags.length > 10) return { problem: 'must be a BCP 47 language tag such as fr-FR, or a list of 1 to 10 of them' };
  const canonical: string[] = [];
  for (const tag of tags) {
    try {
      if (typeof tag !== 'string') throw new RangeError('not a string');
      canonical.push(Intl.getCanonicalLocales(tag)[0]!);
    } catch {
      return { problem: `${typeof tag === 'string' ? JSON.stringify(tag.slice(0, 40)) : describeType(tag)} is not a BCP 47 language tag such as fr-FR` };
    }
  }
  return canonical.map((tag, i) => (i === 0 ? tag : `${tag};q=${Math.max(0.1, 1 - i / 10).toFixed(1)}`)).join(', ');
}
