import { readFileSync } from 'node:fs';
import type { Config } from '@qd/platform';

/**
 * Native HTTPS options from QD_TLS_CERT / QD_TLS_KEY; with QD_MTLS_CA the server asks for a
 * client certificate and verifies it against that CA. Unverified clients still connect (the
 * login page must load for them) but mTLS sign-in refuses them. Null = plain HTTP.
 */
export function tlsOptions(config: Config) {
  if (!config.QD_TLS_CERT || !config.QD_TLS_KEY) return null;
  return {
    cert: readFileSync(config.QD_TLS_CERT),
    key: readFileSync(config.QD_TLS_KEY),
    ...(config.QD_MTLS_CA
      ? { ca: readFileSync(config.QD_MTLS_CA), requestCert: true, rejectUnauthorized: false }
      : {}),
    minVersion: 'TLSv1.2' as const,
  };
}
