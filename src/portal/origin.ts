/**
 * The error every portal entry point throws when the page is not allowed to call it
 * (decision D7, docs/decisions.md): not `https`, not on the operator's allow-list, or an address with user info.
 * Nothing was started. It is the only exception the portal API ever throws into a page.
 *
 * @example
 * try { MobilePlans.notifyCancelledPurchase(md); } catch (e) { if (e.name === 'MobilePlansSecurityError') ... }
 */
export class MobilePlansSecurityError extends Error {
  /** @param message - why the page was refused, for the portal developer */
  constructor(message: string) {
    super(message);
    this.name = 'MobilePlansSecurityError';
  }
}

/** Who may call: the operator's allowed hosts, and whether local development pages count. */
export interface OriginPolicy {
  /** Exact host names (`portal.example.com`, optionally with `:port`) or `*.example.com` (subdomains only). */
  readonly allowedHosts: readonly string[];
  /** Also accept `http://localhost` and `http://127.0.0.1` (and https on them): development only. */
  readonly allowLocalhost: boolean;
}

const HOST_ENTRY = /^(\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::[0-9]{1,5})?$/;
const LOCAL_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Check an allow-list once, when the API is created: each entry must be a host name, optionally
 * with a port, or a `*.` wildcard over a domain with at least two labels. Throws on a bad entry
 * (a configuration error of the host application, not of the portal).
 *
 * @param allowedHosts - the operator's allow-list
 * @returns the entries, lowercased
 * @example normalizeAllowedHosts(['Portal.Example.com', '*.example.com']) // ['portal.example.com', '*.example.com']
 */
export function normalizeAllowedHosts(allowedHosts: readonly string[]): string[] {
  return allowedHosts.map((entry) => {
    const host = typeof entry === 'string' ? entry.trim().toLowerCase() : '';
    const wildcardTooWide = host.startsWith('*.') && !host.slice(2).includes('.');
    if (!HOST_ENTRY.test(host) || wildcardTooWide) {
      throw new TypeError(`allowedHosts: ${JSON.stringify(entry)} is not a host name or a "*.example.com" wildcard (no scheme, no path)`);
    }
    return host;
  });
}

/**
 * Why a page address may not call the portal API, or null when it may. The path and query do
 * not matter; the scheme, user info and host do.
 *
 * @param href - the page's address (e.g. `location.href`)
 * @param policy - the normalized allow-list and the localhost switch
 * @example originProblem('https://portal.example.com/buy?x=1', { allowedHosts: ['portal.example.com'], allowLocalhost: false }) // null
 * @example originProblem('http://portal.example.com/', { allowedHosts: ['portal.example.com'], allowLocalhost: false }) // 'the page is not served over https ...'
 */
export function originProblem(href: unknown, policy: OriginPolicy): string | null {
  if (typeof href !== 'string' || href === '') return 'the page address is unknown';
  if (href.length > 8192) return 'the page address is too long';
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return 'the page address is not a URL';
  }
  if (url.username !== '' || url.password !== '') return 'the page address carries user info (name@host), which is never accepted';
  const host = url.hostname.toLowerCase();
  const local = policy.allowLocalhost && LOCAL_HOSTS.has(host);
  if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) {
    return `the page is not served over https (it is ${url.protocol.replace(/:$/, '')}); Mobile Plans accepts calls only from https pages`;
  }
  if (local) return null;
  const allowed = policy.allowedHosts.some((entry) => {
    const subject = entry.includes(':') ? url.host.toLowerCase() : host;
    // `*.example.com` matches `a.example.com` and deeper, never `example.com` or `example.com.evil.test`.
    return entry.startsWith('*.') ? subject.endsWith(entry.slice(1)) && subject.length > entry.length - 1 : subject === entry;
  });
  return allowed ? null : `the host ${JSON.stringify(host.slice(0, 100))} is not in the operator's allowed hosts`;
}
