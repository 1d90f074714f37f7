import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import {
  MemoryBus,
  MemorySessionStore,
  createLogger,
  loadConfig,
  openDatabase,
  type DatabaseHandle,
} from '@qd/platform';
import { createPostgresDatabase } from '@qd/platform/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildConsole, type ConsoleServer } from '../server';

// The web build as the console serves it: precompressed variants, a year's cache for hashed assets.
describe('web assets', () => {
  const js = `export const answer = ${JSON.stringify('x'.repeat(4000))};\n`;
  const html =
    '<!doctype html><html><head><script type="module" src="/assets/app-1a2b3c.js"></script>\n' +
    '<link rel="modulepreload" crossorigin href="/assets/shell-4d5e6f.js" data-app></head></html>';
  let root: string;
  let handle: DatabaseHandle;
  let server: ConsoleServer;
  let base: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'qd-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), html);
    writeFileSync(join(root, 'assets', 'app-1a2b3c.js'), js);
    writeFileSync(join(root, 'assets', 'app-1a2b3c.js.br'), brotliCompressSync(js));
    writeFileSync(join(root, 'assets', 'app-1a2b3c.js.gz'), gzipSync(js));
    handle = await openDatabase({
      databaseUrl: await createPostgresDatabase(inject('postgresUrl')),
    });
    server = await buildConsole({
      config: loadConfig({ QD_LOG_LEVEL: 'silent' }),
      db: handle.db,
      bus: new MemoryBus(),
      sessions: new MemorySessionStore(),
      logger: createLogger('t', 'silent'),
      gatewayBaseUrl: 'http://127.0.0.1:9',
      serviceToken: 'unused-service-token-0123456789abcdef',
      sessionSecret: 'web-assets-tests-session-secret-0123456789',
      webRoot: root,
    });
    base = await server.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await handle?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (path: string, encoding: string) =>
    fetch(base + path, { headers: { 'accept-encoding': encoding } });

  it.each([
    ['br, gzip', 'br'],
    ['gzip', 'gzip'],
  ])('sends a hashed asset precompressed (Accept-Encoding: %s → %s)', async (accept, served) => {
    const res = await get('/assets/app-1a2b3c.js', accept);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe(served);
    expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(await res.text()).toBe(js); // fetch decodes: the variant is the same file
  });

  it("leaves the signed-in chunks' preloads out of the login page only", async () => {
    const login = await (await get('/login?reason=expired', 'identity')).text();
    expect(login).toContain('/assets/app-1a2b3c.js'); // the entry stays
    expect(login).not.toContain('shell-4d5e6f.js');
    expect(await (await get('/', 'identity')).text()).toContain(
      '<link rel="modulepreload" crossorigin href="/assets/shell-4d5e6f.js" data-app>',
    );
  });

  it('sends the plain file to a client that accepts no encoding', async () => {
    const res = await get('/assets/app-1a2b3c.js', 'identity');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.text()).toBe(js);
  });

  it('lets the browser keep hashed assets for a year, and never keep the shell (its nonce is per response)', async () => {
    const asset = await get('/assets/app-1a2b3c.js', 'br');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/positions/deep-link']) {
      const res = await get(path, 'br');
      const page = await res.text();
      expect(page).toContain('<script type="module" src="/assets/app-1a2b3c.js"></script>');
      expect(page).toMatch(/<meta name="csp-nonce" content="[A-Za-z0-9+/=]{24}"/);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('hints the session check to a signed-in page load only, and not to the login form', async () => {
    const page = async (path: string, cookie?: string) =>
      (await fetch(base + path, { headers: cookie ? { cookie } : {} })).text();
    const hint = '<link rel="preload" href="/api/v1/auth/session" as="fetch" crossorigin />';
    expect(await page('/', 'qd_session=abc.def')).toContain(hint);
    expect(await page('/positions/deep-link?x=1', 'a=1; __Host-qd_session=abc')).toContain(hint);
    expect(await page('/')).not.toContain(hint);
    expect(await page('/', 'not_qd_session=abc')).not.toContain(hint);
    expect(await page('/login', 'qd_session=abc.def')).not.toContain(hint);
    expect(await page('/login?reason=expired', 'qd_session=abc.def')).not.toContain(hint);
  });

  it.each(['/', '/assets/app-1a2b3c.js', '/positions/deep-link'])(
    '%s keeps the CSP and the hardening headers',
    async (path) => {
      const h = (await get(path, 'br')).headers;
      expect(h.get('content-security-policy')).toMatch(/script-src 'self'/);
      expect(h.get('x-content-type-options')).toBe('nosniff');
      expect(h.get('strict-transport-security')).toMatch(/max-age=31536000/);
    },
  );
});
