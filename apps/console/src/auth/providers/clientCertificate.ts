import { BlockList, isIPv6 } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * Header names a TLS-terminating proxy uses to pass on the client certificate it verified
 * (deploy/nginx/mtls.conf sets exactly these; anything a client sends itself is overwritten there).
 */
export const CLIENT_VERIFY_HEADER = 'x-ssl-client-verify';
export const CLIENT_CERT_HEADER = 'x-ssl-client-cert';

export interface ClientIdentity {
  /** Where the verified certificate came from. */
  via: 'tls' | 'proxy';
  cn: string | null;
  emails: string[];
  subject: string;
  issuer: string;
  fingerprint256: string;
}

/** Compiles QD_TRUSTED_PROXIES (addresses and CIDRs) into a matcher. */
export function trustedProxies(entries: string[]): (address: string | undefined) => boolean {
  const list = new BlockList();
  for (const e of entries) {
    const [addr, bits] = e.split('/');
    const type = isIPv6(addr!) ? 'ipv6' : 'ipv4';
    if (bits) list.addSubnet(addr!, Number(bits), type);
    else list.addAddress(addr!, type);
  }
  return (address) => {
    if (!address) return false;
    const plain = address.replace(/^::ffff:(?=\d+\.)/, '');
    return list.check(plain, isIPv6(plain) ? 'ipv6' : 'ipv4');
  };
}

function identityOf(cert: X509Certificate, via: ClientIdentity['via']): ClientIdentity {
  const cn = cert.subject
    .split('\n')
    .find((l) => l.startsWith('CN='))
    ?.slice(3);
  const emails = (cert.subjectAltName ?? '')
    .split(/,\s*/)
    .filter((n) => n.startsWith('email:'))
    .map((n) => n.slice(6));
  return {
    via,
    cn: cn ?? null,
    emails,
    subject: cert.subject.replaceAll('\n', ', '),
    issuer: cert.issuer.replaceAll('\n', ', '),
    fingerprint256: cert.fingerprint256,
  };
}

export type CertificateOutcome =
  { ok: true; identity: ClientIdentity } | { ok: false; reason: string; spoofed?: boolean };

/**
 * The client certificate verified for this request: by our own TLS handshake against
 * QD_MTLS_CA, or by a trusted proxy's headers. Headers from any other address are ignored.
 */
export function clientCertificate(
  req: FastifyRequest,
  isTrustedProxy: (address: string | undefined) => boolean,
): CertificateOutcome {
  const socket = req.raw.socket as Partial<TLSSocket>;
  if (socket.encrypted) {
    const cert = socket.getPeerX509Certificate?.();
    if (cert && socket.authorized) return { ok: true, identity: identityOf(cert, 'tls') };
    if (cert)
      return {
        ok: false,
        reason: `the client certificate was not issued by a trusted CA (${String(socket.authorizationError)})`,
      };
  }
  const verify = req.headers[CLIENT_VERIFY_HEADER];
  const pem = req.headers[CLIENT_CERT_HEADER];
  if (verify === undefined && pem === undefined)
    return { ok: false, reason: 'no client certificate was presented' };
  if (!isTrustedProxy(req.raw.socket.remoteAddress))
    return {
      ok: false,
      spoofed: true,
      reason: 'client-certificate headers from an address that is not a trusted proxy were ignored',
    };
  if (verify !== 'SUCCESS' || typeof pem !== 'string' || !pem)
    return {
      ok: false,
      reason: `the proxy did not verify a client certificate (${String(verify)})`,
    };
  try {
    return {
      ok: true,
      identity: identityOf(new X509Certificate(decodeURIComponent(pem)), 'proxy'),
    };
  } catch {
    return { ok: false, reason: 'the proxy sent a client certificate that cannot be read' };
  }
}
