import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestConsole, type TestConsole } from '../auth/providers/providerTestKit';
import { Harness } from './harness';

const directiveOf = (csp: string, name: string) =>
  csp
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `));

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

  it('answers API requests with style-src self and no nonce (only the SPA shell has one)', async () => {
    for (const path of ['/api/v1/auth/providers', '/api/v1/auth/session']) {
      const csp = (await fetch(qd.base + path)).headers.get('content-security-policy') ?? '';
      expect(directiveOf(csp, 'style-src')).toBe("style-src 'self'");
    }
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

describe('styles under CSP without unsafe-inline', () => {
  let h: Harness;
  beforeAll(async () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'qd-web-'));
    writeFileSync(
      join(webRoot, 'index.html'),
      '<!doctype html><html><head><style>html{background:#000}</style></head><body></body></html>',
    );
    writeFileSync(join(webRoot, 'app.css'), 'body{}');
    h = await Harness.start({ webRoot });
  });
  afterAll(() => h.close());

  it.each(['/', '/positions', '/index.html'])(
    '%s: the SPA shell carries a fresh style nonce that the CSP names, and is never cached',
    async (path) => {
      const nonces = new Set<string>();
      for (let i = 0; i < 2; i++) {
        const res = await h.app.inject({ method: 'GET', url: path });
        expect(res.statusCode).toBe(200);
        const styleSrc = directiveOf(String(res.headers['content-security-policy']), 'style-src');
        expect(styleSrc).toMatch(/^style-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'$/);
        expect(styleSrc).not.toContain('unsafe-inline');
        const nonce = /'nonce-([^']+)'/.exec(styleSrc!)![1]!;
        expect(res.body).toContain(`<style nonce="${nonce}">`);
        expect(res.body).toContain(`<meta name="csp-nonce" content="${nonce}" />`);
        expect(res.headers['cache-control']).toBe('no-store');
        nonces.add(nonce);
      }
      expect(nonces.size).toBe(2);
    },
  );

  it('keeps script-src at self and base-uri at none, and serves the rest of the build as files', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/app.css' });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(directiveOf(csp, 'script-src')).toBe("script-src 'self'");
    expect(directiveOf(csp, 'base-uri')).toBe("base-uri 'none'");
  });
});
