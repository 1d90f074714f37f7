import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { shellStyleNonce } from './securityHeaders';

// The session cookie, Secure (`__Host-`) or not; only its presence matters here.
const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?qd_session=/;

// Pages that never ask for the session on load (the login form), so a hint there would go unused.
const NO_SESSION_HINT = new Set(['/login']);

/**
 * `<link rel="preload">` for the session check when the request carries a session cookie: the
 * browser fetches it while the scripts download instead of after the entry has run, and the SPA's
 * own `GET /api/v1/auth/session` (same URL, mode and credentials) is answered from it. The
 * server validates nothing here: the answer is the usual one, with the usual checks.
 */
function sessionHint(req: FastifyRequest): string {
  const path = req.url.split('?')[0]!;
  if (NO_SESSION_HINT.has(path) || !SESSION_COOKIE.test(req.headers.cookie ?? '')) return '';
  return '\n    <link rel="preload" href="/api/v1/auth/session" as="fetch" crossorigin />';
}

// The signed-in chunks' preloads (marked by apps/web/build/preloadChunks.ts). The login page
// fetches them itself once its form has painted, so there they would only compete with it.
const APP_PRELOAD = /\s*<link [^>]*data-app[^>]*>/g;

/**
 * Serves the SPA shell (index.html) with a style nonce of its own, named by this response's
 * CSP: on its inline `<style>` and in `<meta name="csp-nonce">`, which the SPA hands to the
 * libraries that add `<style>` elements (the grid, the dialogs' scroll lock). The CSP then needs
 * no `'unsafe-inline'` for styles. Never cached: a nonce is good for one response only. A signed-in request also gets a
 * preload hint for the session check (see `sessionHint`); the login page goes without the
 * signed-in chunks' preloads.
 */
export function spaShell(webRoot: string): (req: FastifyRequest, reply: FastifyReply) => unknown {
  const html = readFileSync(join(webRoot, 'index.html'), 'utf8');
  if (!html.includes('</head>')) throw new Error('index.html has no </head>');
  return (req, reply) => {
    const { nonce, csp } = shellStyleNonce();
    const path = req.url.split('?')[0]!;
    const page = (path === '/login' ? html.replace(APP_PRELOAD, '') : html)
      .replace('<head>', `<head>${sessionHint(req)}`) // first, so it is the first request sent
      .replaceAll('<style>', `<style nonce="${nonce}">`)
      .replace('</head>', `<meta name="csp-nonce" content="${nonce}" />\n  </head>`);
    return reply
      .header('content-security-policy', csp)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(page);
  };
}
