import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestConsole, type TestConsole } from '../auth/providers/providerTestKit';

// Browser hardening headers on every kind of response (ASVS V3.4).
describe('security headers', () => {
  let qd: TestConsole;
  beforeAll(async () => {
    qd = await startTestConsole(inject('postgresUrl'), { QD_AUTH_PROVIDERS: 'basic' });
  });
  afterAll(async () => qd?.close());

  const paths = ['/api/v1/auth/providers', '/api/v1/auth/session', '/healthz', '/no-such-page'];

  it.each(paths)('%s: CSP without inline script, no framing, no plugins', async (path) => {
    const csp = (await fetch(qd.base + path)).headers.get('content-security-policy') ?? '';
    const directive = (name: string) =>
      csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith(`${name} `));
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive('default-src')).toBe("default-src 'self'");
  });

  it.each(paths)('%s: HSTS for a year with subdomains, nosniff, no referrer', async (path) => {
    const h = (await fetch(qd.base + path)).headers;
    const hsts = h.get('strict-transport-security') ?? '';
    expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(31_536_000);
    expect(hsts).toMatch(/includeSubDomains/);
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('referrer-policy')).toBe('no-referrer');
  });

  it('marks API answers no-store, so no proxy or browser cache keeps them', async () => {
    for (const path of ['/api/v1/auth/providers', '/api/v1/auth/session'])
      expect((await fetch(qd.base + path)).headers.get('cache-control')).toBe('no-store');
  });

  it('sends no CORS grant to a foreign origin', async () => {
    const res = await fetch(`${qd.base}/api/v1/auth/session`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });
});
