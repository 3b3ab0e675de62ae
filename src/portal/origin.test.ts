import { describe, expect, it } from 'vitest';
import { MobilePlansSecurityError, normalizeAllowedHosts, originProblem } from './origin';

const policy = (allowedHosts: string[], allowLocalhost = false) => ({ allowedHosts: normalizeAllowedHosts(allowedHosts), allowLocalhost });
const exact = policy(['portal.example.com']);

describe('originProblem', () => {
  it.each(['https://portal.example.com/', 'https://portal.example.com/any/path?x=1#top', 'https://PORTAL.example.com/buy'])(
    'accepts the allowed https host whatever the path: %s',
    (href) => expect(originProblem(href, exact)).toBeNull(),
  );

  it.each([
    ['http://portal.example.com/', 'not served over https'],
    ['https://portal.example.com.evil.test/', 'not in the operator'],
    ['https://portal.example.com@evil.test/', 'user info'],
    ['https://user:pw@portal.example.com/', 'user info'],
    ['https://evil.test/portal.example.com', 'not in the operator'],
    ['javascript:alert(1)', 'not served over https'],
    ['not a url', 'not a URL'],
    ['', 'unknown'],
  ])('refuses %s', (href, reason) => {
    expect(originProblem(href, exact)).toContain(reason);
  });

  it('refuses a page address that is not a string', () => {
    expect(originProblem(undefined, exact)).toContain('unknown');
    expect(originProblem({ toString: () => 'https://portal.example.com/' }, exact)).toContain('unknown');
  });

  it('matches a *. wildcard on subdomains only', () => {
    const wildcard = policy(['*.example.com']);
    expect(originProblem('https://a.example.com/', wildcard)).toBeNull();
    expect(originProblem('https://a.b.example.com/', wildcard)).toBeNull();
    expect(originProblem('https://example.com/', wildcard)).not.toBeNull();
    expect(originProblem('https://example.com.evil.test/', wildcard)).not.toBeNull();
    expect(originProblem('https://badexample.com/', wildcard)).not.toBeNull();
  });

  it('matches an entry with a port on that port only, and an entry without one on the default port only', () => {
    expect(originProblem('https://portal.example.com:8443/', policy(['portal.example.com:8443']))).toBeNull();
    expect(originProblem('https://portal.example.com/', policy(['portal.example.com:8443']))).not.toBeNull();
    expect(originProblem('https://portal.example.com:9443/', policy(['portal.example.com:8443']))).not.toBeNull();
    expect(originProblem('https://portal.example.com:8443/', exact)).toContain('not in the operator');
    expect(originProblem('https://portal.example.com:443/', exact)).toBeNull();
    expect(originProblem('https://portal.example.com/', policy(['portal.example.com:443']))).toBeNull();
    expect(originProblem('https://a.example.com:8443/', policy(['*.example.com:8443']))).toBeNull();
    expect(originProblem('https://a.example.com:8443/', policy(['*.example.com']))).not.toBeNull();
  });

  it('accepts http on localhost and 127.0.0.1 only when development pages are allowed', () => {
    for (const href of ['http://localhost:8080/', 'http://127.0.0.1:4000/sample.html', 'https://localhost/']) {
      expect(originProblem(href, policy([], true))).toBeNull();
      expect(originProblem(href, policy([], false))).not.toBeNull();
    }
    expect(originProblem('http://localhost.evil.test/', policy([], true))).not.toBeNull();
  });
});

describe('normalizeAllowedHosts', () => {
  it('lowercases host names and wildcards', () => {
    expect(normalizeAllowedHosts([' Portal.Example.com ', '*.Example.com'])).toEqual(['portal.example.com', '*.example.com']);
  });

  it('drops the default port and leading zeros', () => {
    expect(normalizeAllowedHosts(['portal.example.com:443', 'portal.example.com:08443'])).toEqual(['portal.example.com', 'portal.example.com:8443']);
  });

  it.each(['*.co.uk', '*.CO.UK', '*.com.au', '*.github.io', '*.co.jp:8443'])('refuses a wildcard over the public suffix %j', (entry) => {
    expect(() => normalizeAllowedHosts([entry])).toThrow(/public suffix/);
  });

  it('accepts a wildcard under a public suffix', () => {
    expect(normalizeAllowedHosts(['*.operator.co.uk', 'portal.co.uk'])).toEqual(['*.operator.co.uk', 'portal.co.uk']);
  });

  it.each(['https://portal.example.com', 'portal.example.com/path', '*', '*.com', '', 'a b', 'user@host', 'portal.example.com:0', 'portal.example.com:70000'])('refuses the entry %j', (entry) => {
    expect(() => normalizeAllowedHosts([entry])).toThrow(TypeError);
  });
});

describe('MobilePlansSecurityError', () => {
  it('is an Error named MobilePlansSecurityError', () => {
    const error = new MobilePlansSecurityError('refused');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('MobilePlansSecurityError');
  });
});
