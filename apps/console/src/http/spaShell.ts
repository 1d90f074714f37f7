import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';

type WithNonce = ServerResponse & { styleNonce?: string };

/**
 * The CSP `style-src` source of this response: a fresh random nonce (128 bits), kept on the raw
 * response so the SPA shell can put the same value on its styles.
 */
export function styleNonceSource(_req: IncomingMessage, res: ServerResponse): string {
  const r = res as WithNonce;
  r.styleNonce = randomBytes(16).toString('base64');
  return `'nonce-${r.styleNonce}'`;
}

/**
 * Serves the SPA shell (index.html) with this response's style nonce: on its inline `<style>`
 * and in `<meta name="csp-nonce">`, which the SPA hands to the libraries that add `<style>`
 * elements (the grid, the dialogs' scroll lock). The CSP then needs no `'unsafe-inline'` for
 * styles. Never cached: a nonce is good for one response only.
 */
export function spaShell(webRoot: string): (req: FastifyRequest, reply: FastifyReply) => unknown {
  const html = readFileSync(join(webRoot, 'index.html'), 'utf8');
  if (!html.includes('</head>')) throw new Error('index.html has no </head>');
  return (_req, reply) => {
    const nonce = (reply.raw as WithNonce).styleNonce;
    if (!nonce) throw new Error('no style nonce on this response (helmet CSP not installed?)');
    const page = html
      .replaceAll('<style>', `<style nonce="${nonce}">`)
      .replace('</head>', `<meta name="csp-nonce" content="${nonce}" />\n  </head>`);
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
  };
}
