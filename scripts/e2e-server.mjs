// Runs the production build for the end-to-end suite on a fresh data dir that is removed after,
// with a real OpenID Provider (oidc-provider) on a free port for the OIDC sign-in tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { startTestIdp, TEST_IDP_CLIENT } from './lib/testIdp.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'qd-e2e-'));
const publicUrl = `http://127.0.0.1:${process.env.QD_PORT ?? 8080}`;
const idp = await startTestIdp({
  redirectUris: [`${publicUrl}/api/v1/auth/oidc/callback`],
  postLogoutRedirectUris: [`${publicUrl}/login?reason=signed-out`],
  accounts: {
    olga: { roles: ['qd-quants'], email: 'olga@example.com' },
    // Enrols TOTP in e2e/cspAndUsers (then asked for a code after every IdP sign-in).
    tove: { roles: ['qd-quants'], email: 'tove@example.com' },
  },
});
const child = spawn(process.execPath, ['--enable-source-maps', 'apps/console/dist/main.js'], {
  stdio: 'inherit',
  // Explicit MFA policy for the suite: operators must enrol (e2e/mfa covers it); the admin the
  // older tests sign in as does not, and steps up with the password. The product default
  // (operator,admin) is unchanged.
  env: {
    QD_MFA_REQUIRED_ROLES: 'operator',
    ...process.env,
    QD_DATA_DIR: dataDir,
    QD_AUTH_PROVIDERS: 'basic,oidc',
    QD_PUBLIC_URL: publicUrl,
    QD_OIDC_ISSUER: idp.issuer,
    QD_OIDC_CLIENT_ID: TEST_IDP_CLIENT.clientId,
    QD_OIDC_CLIENT_SECRET: TEST_IDP_CLIENT.clientSecret,
    QD_OIDC_ROLE_MAP: 'qd-traders=operator,qd-quants=researcher,qd-admins=admin',
    // Test knob (loopback only): GLD's quote never moves, so the ticket's stale-price gate shows.
    QD_TEST_FROZEN_SYMBOLS: 'GLD',
  },
});
const stop = (signal) => child.kill(signal);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  void idp.stop().finally(() => process.exit(code ?? 0));
});
