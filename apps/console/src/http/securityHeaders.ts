import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

// Stands in for the shell's nonce while the headers are built; replaced in each shell response.
const NONCE_SLOT = 'nonce-qdstylenonceslot';

/** Browser hardening (ASVS V3.4); the SPA shell's `style-src` adds its nonce to `'self'`. */
const options = (styleSrc: string[]): HelmetOptions => ({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc,
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      upgradeInsecureRequests: null,
    },
  },
  hsts: { maxAge: 31_536_000, includeSubDomains: true },
});

/** The headers helmet sets for these options, recorded once (its middleware on a stand-in). */
function headersOf(opts: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  let failed: unknown;
  helmet(opts)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    failed = err;
  });
  if (failed) throw failed;
  return headers;
}

/** Every response's security headers; `style-src 'self'` (only the SPA shell has inline styles). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = headersOf(options(["'self'"]));

const shellCsp = headersOf(options(["'self'", `'${NONCE_SLOT}'`]))['content-security-policy']!;

/**
 * A fresh style nonce (128 bits) and the CSP naming it, for one SPA shell response: its inline
 * `<style>` elements carry the nonce, so the CSP needs no `'unsafe-inline'`.
 */
export function shellStyleNonce(): { nonce: string; csp: string } {
  const nonce = randomBytes(16).toString('base64');
  return { nonce, csp: shellCsp.replace(NONCE_SLOT, `nonce-${nonce}`) };
}

/**
 * Sets the security headers on every response, from headers built once at start-up.
 * (@fastify/helmet ran helmet's middleware, CSP string building included, on every request.)
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (_req, reply, done) => {
    void reply.headers(SECURITY_HEADERS);
    done();
  });
}
