import { AppError, installProblemHandler } from '@qd/platform';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { SECURITY_HEADERS, installSecurityHeaders, shellStyleNonce } from './securityHeaders';

const directive = (csp: string, name: string) =>
  csp
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `));

describe('security headers built once', () => {
  it('API answers get style-src self without a nonce (they have no inline styles)', () => {
    const csp = SECURITY_HEADERS['content-security-policy']!;
    expect(directive(csp, 'style-src')).toBe("style-src 'self'");
    expect(directive(csp, 'script-src')).toBe("script-src 'self'");
    expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(SECURITY_HEADERS['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    );
    expect(SECURITY_HEADERS['x-content-type-options']).toBe('nosniff');
    expect(SECURITY_HEADERS['referrer-policy']).toBe('no-referrer');
  });

  it('gives each SPA shell response a fresh nonce in an otherwise identical CSP', () => {
    const a = shellStyleNonce();
    const b = shellStyleNonce();
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(directive(a.csp, 'style-src')).toBe(`style-src 'self' 'nonce-${a.nonce}'`);
    const withoutStyle = (csp: string) => csp.replace(/style-src [^;]*/, '');
    expect(withoutStyle(a.csp)).toBe(withoutStyle(SECURITY_HEADERS['content-security-policy']!));
  });

  it('sets them on answers, on 404s and on requests refused before their handler', async () => {
    const app = Fastify();
    installProblemHandler(app);
    installSecurityHeaders(app);
    app.get('/ok', async () => ({ ok: true }));
    app.get(
      '/refused',
      { onRequest: async () => Promise.reject(new AppError('FORBIDDEN', 'no')) },
      async () => ({}),
    );
    for (const url of ['/ok', '/missing', '/refused']) {
      const res = await app.inject({ url });
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        expect(res.headers[name], `${url} ${name}`).toBe(value);
    }
    await app.close();
  });
});
