import { z } from 'zod';

const ROLES = ['viewer', 'researcher', 'operator', 'admin'] as const;
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/** `idp-value=role,other=role` → { 'idp-value': 'role', … }; roles must be Quarterdeck roles. */
const roleMap = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const out: Record<string, (typeof ROLES)[number]> = {};
    for (const pair of (v ?? '').split(',').map((s) => s.trim())) {
      if (!pair) continue;
      const at = pair.lastIndexOf('=');
      const role = pair.slice(at + 1).trim();
      if (at <= 0 || !(ROLES as readonly string[]).includes(role)) {
        ctx.addIssue({
          code: 'custom',
          message: `"${pair}" must be claim-value=role with role one of ${ROLES.join(', ')}`,
        });
        return z.NEVER;
      }
      out[pair.slice(0, at).trim()] = role as (typeof ROLES)[number];
    }
    return out;
  });

/** Environment of the sign-in providers (dev, oidc, mtls); spread into the one ConfigSchema. */
export const authProviderEnv = {
  /** Second, explicit switch for the dev provider (which also needs a loopback QD_HOST). */
  QD_DEV_LOGIN: bool.default(false),
  /** The console's external URL (OIDC redirect and post-logout URLs); required with oidc. */
  QD_PUBLIC_URL: z.url().optional(),
  QD_OIDC_ISSUER: z.url().optional(),
  QD_OIDC_CLIENT_ID: z.string().optional(),
  QD_OIDC_CLIENT_SECRET: z.string().optional(),
  QD_OIDC_SCOPES: z.string().default('openid profile email'),
  /** Claim holding the user's groups/roles; a dot path reaches nested claims (realm_access.roles). */
  QD_OIDC_ROLE_CLAIM: z.string().default('roles'),
  QD_OIDC_ROLE_MAP: roleMap,
  /** Role for users whose claim maps to none; unset → such users are refused. */
  QD_OIDC_DEFAULT_ROLE: z.enum(ROLES).optional(),
  QD_OIDC_USERNAME_CLAIM: z.string().default('preferred_username'),
  /** PEM files: serve HTTPS natively; with QD_MTLS_CA, ask for and verify client certificates. */
  QD_TLS_CERT: z.string().optional(),
  QD_TLS_KEY: z.string().optional(),
  QD_MTLS_CA: z.string().optional(),
  /** Which certificate name is the username: subject CN, or the first SAN e-mail address. */
  QD_MTLS_IDENTITY: z.enum(['cn', 'san-email']).default('cn'),
};

/** QD_TRUSTED_PROXIES is the security core's (also used for client addresses). */
type ProviderConfig = {
  QD_HOST: string;
  QD_AUTH_PROVIDERS: string[];
  QD_TRUSTED_PROXIES: string[];
} & z.infer<z.ZodObject<typeof authProviderEnv>>;

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Cross-variable rules of the providers; returns one message per violated rule. */
export function authProviderProblems(c: ProviderConfig): string[] {
  const problems: string[] = [];
  const on = (p: string) => c.QD_AUTH_PROVIDERS.includes(p);
  if (on('dev') && !c.QD_DEV_LOGIN)
    problems.push('QD_AUTH_PROVIDERS: dev needs QD_DEV_LOGIN=true as well (explicit opt-in)');
  if (on('dev') && !isLoopbackHost(c.QD_HOST))
    problems.push(`QD_AUTH_PROVIDERS: dev is refused unless QD_HOST is loopback (is ${c.QD_HOST})`);
  if (on('dev') && c.QD_TRUSTED_PROXIES.length > 0)
    problems.push('QD_AUTH_PROVIDERS: dev is refused behind a proxy (QD_TRUSTED_PROXIES is set)');
  if (on('oidc'))
    for (const v of ['QD_OIDC_ISSUER', 'QD_OIDC_CLIENT_ID', 'QD_PUBLIC_URL'] as const)
      if (!c[v]) problems.push(`${v}: required when QD_AUTH_PROVIDERS includes oidc`);
  if (!!c.QD_TLS_CERT !== !!c.QD_TLS_KEY)
    problems.push('QD_TLS_CERT / QD_TLS_KEY: set both or neither');
  if (c.QD_MTLS_CA && !c.QD_TLS_CERT)
    problems.push('QD_MTLS_CA: needs QD_TLS_CERT and QD_TLS_KEY (client certificates need HTTPS)');
  if (on('mtls') && !c.QD_MTLS_CA && c.QD_TRUSTED_PROXIES.length === 0)
    problems.push(
      'QD_AUTH_PROVIDERS: mtls needs QD_MTLS_CA (native HTTPS) or QD_TRUSTED_PROXIES (behind a TLS proxy)',
    );
  return problems;
}
