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
  /** Exact host names (`portal.example.com`, optionally with `:port`) or `*.example.com` (subdomains only); no port means 443. */
  readonly allowedHosts: readonly string[];
  /** Also accept `http://localhost` and `http://127.0.0.1` (and https on them): development only. */
  readonly allowLocalhost: boolean;
}

const HOST_ENTRY = /^(\*\.)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*)(?::([0-9]{1,5}))?$/;
const LOCAL_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Public suffixes of more than one label that a `*.` wildcard may not cover (`*.co.uk` would
 * allow every company in the UK). Not the whole Public Suffix List: the common registry
 * second levels and shared hosting domains; a wildcard over one label (`*.com`) is refused anyway.
 */
const MULTI_LABEL_PUBLIC_SUFFIXES: ReadonlySet<string> = new Set([
  ...['co', 'org', 'me', 'ltd', 'plc', 'net', 'sch', 'ac', 'gov', 'nhs', 'police'].map((l) => `${l}.uk`),
  ...['com', 'net', 'org', 'edu', 'gov', 'asn', 'id'].map((l) => `${l}.au`),
  ...['co', 'or', 'ne', 'ac', 'ad', 'ed', 'go', 'gr', 'lg'].map((l) => `${l}.jp`),
  ...['co', 'or', 'ne', 'ac', 'go', 're', 'pe'].map((l) => `${l}.kr`),
  ...['co', 'net', 'org', 'ac', 'govt', 'geek', 'gen', 'kiwi', 'maori', 'school'].map((l) => `${l}.nz`),
  ...['co', 'org', 'net', 'ac', 'gov', 'web', 'nom'].map((l) => `${l}.za`),
  ...['co', 'net', 'org', 'firm', 'gen', 'ind', 'ac', 'edu', 'gov', 'res'].map((l) => `${l}.in`),
  ...['com', 'net', 'org', 'gov', 'edu', 'art', 'blog', 'eco', 'ind', 'tv'].map((l) => `${l}.br`),
  ...['com', 'net', 'org', 'gov', 'edu', 'ac'].map((l) => `${l}.cn`),
  ...['com', 'net', 'org', 'gob', 'edu'].map((l) => `${l}.mx`),
  ...['com', 'net', 'org', 'gov', 'edu'].flatMap((l) => ['ar', 'tr', 'sg', 'my', 'hk', 'tw', 'ph', 'pk', 'eg', 'sa', 'ng', 'ua', 'co', 'pe', 'vn'].map((cc) => `${l}.${cc}`)),
  ...['co.il', 'org.il', 'ac.il', 'co.id', 'or.id', 'ac.id', 'co.th', 'or.th', 'ac.th', 'co.ke', 'or.ke', 'co.tz', 'co.ug', 'co.zw'],
  ...['github.io', 'gitlab.io', 'netlify.app', 'vercel.app', 'pages.dev', 'workers.dev', 'herokuapp.com', 'azurewebsites.net', 'cloudfront.net', 'appspot.com', 'web.app', 'firebaseapp.com', 'blogspot.com', 'glitch.me', 'onrender.com', 'fly.dev', 'ngrok.io', 'ngrok-free.app', 's3.amazonaws.com', 'amazonaws.com'],
]);

/** An allow-list entry, parsed: the host (or the domain under a wildcard) and the port ('' = https's default, 443). */
interface HostPattern {
  readonly wildcard: boolean;
  readonly host: string;
  readonly port: string;
}

/**
 * Check an allow-list once, when the API is created: each entry must be a host name, optionally
 * with a port, or a `*.` wildcard over a domain of at least two labels that is not a public
 * suffix (`*.co.uk`, `*.github.io`). An entry without a port allows only https's default port.
 * Throws on a bad entry (a configuration error of the host application, not of the portal).
 *
 * @param allowedHosts - the operator's allow-list
 * @returns the entries, lowercased, `:443` dropped
 * @example normalizeAllowedHosts(['Portal.Example.com', '*.example.com', 'portal.example.com:443']) // ['portal.example.com', '*.example.com', 'portal.example.com']
 */
export function normalizeAllowedHosts(allowedHosts: readonly string[]): string[] {
  return allowedHosts.map((entry) => {
    const text = typeof entry === 'string' ? entry.trim().toLowerCase() : '';
    const pattern = parseHostPattern(text);
    const refuse = (why: string): never => {
      throw new TypeError(`allowedHosts: ${JSON.stringify(entry)} ${why}`);
    };
    if (pattern === null) return refuse('is not a host name or a "*.example.com" wildcard (no scheme, no path)');
    if (pattern.wildcard && !pattern.host.includes('.')) return refuse('is a wildcard over a whole top-level domain');
    if (pattern.wildcard && MULTI_LABEL_PUBLIC_SUFFIXES.has(pattern.host)) return refuse('is a wildcard over a public suffix, which anyone can register under; name your own domain');
    return `${pattern.wildcard ? '*.' : ''}${pattern.host}${pattern.port === '' ? '' : `:${pattern.port}`}`;
  });
}

function parseHostPattern(text: string): HostPattern | null {
  const match = HOST_ENTRY.exec(text);
  if (match === null) return null;
  const port = match[3] ?? '';
  if (port !== '' && (Number(port) < 1 || Number(port) > 65535)) return null;
  // `:443` is https's default, which URL.port writes as ''; `:08443` is `:8443`.
  return { wildcard: match[1] !== undefined, host: match[2]!, port: port === '' || Number(port) === 443 ? '' : String(Number(port)) };
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
    const pattern = parseHostPattern(entry);
    // The port must be the entry's; an entry without one allows only the default port (url.port is '' for 443).
    if (pattern === null || pattern.port !== url.port) return false;
    // `*.example.com` matches `a.example.com` and deeper, never `example.com` or `example.com.evil.test`.
    return pattern.wildcard ? host.endsWith(`.${pattern.host}`) : host === pattern.host;
  });
  return allowed ? null : `the host ${JSON.stringify(host.slice(0, 100))} is not in the operator's allowed hosts`;
}
