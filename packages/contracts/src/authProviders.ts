import { z } from 'zod';
import { Role } from './permissions';

/** The sign-in providers a console can offer (QD_AUTH_PROVIDERS). */
export const AuthProviderId = z.enum(['dev', 'basic', 'oidc', 'mtls']);
export type AuthProviderId = z.infer<typeof AuthProviderId>;

/** `GET /auth/providers`: what the login page should offer. */
export const AuthProviders = z.object({
  providers: z.array(AuthProviderId),
  /** Roles the dev provider can sign in as (only when dev is on). */
  devRoles: z.array(Role).optional(),
  /** Display name of the OIDC identity provider (its issuer host). */
  oidcName: z.string().optional(),
});
export type AuthProviders = z.infer<typeof AuthProviders>;

/** `POST /auth/dev/login`: one-click sign-in as the seeded user of a role (loopback only). */
export const DevLoginRequest = z.object({ role: Role }).strict();
export type DevLoginRequest = z.infer<typeof DevLoginRequest>;

/** A same-site path to land on after sign-in (never another origin). */
export const ReturnTo = z
  .string()
  .max(512)
  .regex(/^\/(?![/\\])[^\s]*$/, 'must be a path on this site, such as /orders');

/** `GET /auth/oidc/start?returnTo=`. */
export const OidcStartQuery = z.object({ returnTo: ReturnTo.optional() }).strict();
export type OidcStartQuery = z.infer<typeof OidcStartQuery>;

/** `GET /auth/oidc/callback`: whatever the IdP sends back (checked by openid-client). */
export const OidcCallbackQuery = z.record(z.string(), z.string().max(8192));

/** `POST /auth/oidc/logout`: where the browser goes next (the IdP's end-session endpoint). */
export const OidcLogoutResponse = z.object({ redirectTo: z.string() });
export type OidcLogoutResponse = z.infer<typeof OidcLogoutResponse>;

/** `POST /auth/mtls/login`: no fields; the identity is the verified client certificate. */
export const MtlsLoginRequest = z.object({}).strict();
