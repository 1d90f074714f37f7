import { OidcCallbackQuery, OidcLogoutResponse, OidcStartQuery, type Role } from '@qd/contracts';
import { roleFromClaims } from '@qd/domain';
import { AppError, type Config } from '@qd/platform';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditAuth, clearSessionCookie, type AuthContext } from '../context';
import {
  findLinkedUser,
  provisionLinkedUser,
  setUserRole,
  UsernameTakenError,
  type LinkedUser,
} from './externalUsers';
import {
  describeOidcError,
  OIDC_TX_SECONDS,
  oidcTxCookie,
  type OidcRelyingParty,
} from './oidcClient';
import { auditSignInFailure, signIn } from './signIn';

export interface OidcDeps {
  ctx: AuthContext;
  config: Config;
  rp: OidcRelyingParty;
}

/** A refused OIDC sign-in: audited; a browser is sent back to the login page, an API client gets 400. */
class SsoRefusal extends Error {
  constructor(
    readonly reason: string,
    readonly loginReason: 'sso-failed' | 'sso-no-role',
    readonly detail: Record<string, unknown> = {},
  ) {
    super(reason);
  }
}

const USERNAME = /^[\w.@+-]{1,64}$/;

/** A browser navigation (not an API client): errors go back to the login page. */
const wantsHtml = (req: FastifyRequest) => (req.headers.accept ?? '').includes('text/html');

/** The role the claims grant under the configured claim and map (null = refuse). */
export function oidcRole(config: Config, claims: Record<string, unknown>): Role | null {
  return roleFromClaims(
    claims,
    config.QD_OIDC_ROLE_CLAIM,
    config.QD_OIDC_ROLE_MAP,
    config.QD_OIDC_DEFAULT_ROLE ?? null,
  );
}

/** Finds (or on first sign-in creates and links) the user of verified ID-token claims. */
async function userForClaims(d: OidcDeps, claims: Record<string, unknown>): Promise<LinkedUser> {
  const issuer = String(claims.iss);
  const subject = String(claims.sub);
  const role = oidcRole(d.config, claims);
  const detail = { issuer, subject };
  if (!role)
    throw new SsoRefusal(
      `your identity provider account has no Quarterdeck role (claim ${d.config.QD_OIDC_ROLE_CLAIM})`,
      'sso-no-role',
      detail,
    );
  const linked = await findLinkedUser(d.ctx.db, 'oidc', issuer, subject);
  if (linked) {
    if (linked.disabled) throw new SsoRefusal('this user is disabled', 'sso-failed', detail);
    if (linked.role !== role) {
      await setUserRole(d.ctx.db, linked.id, role);
      return { ...linked, role };
    }
    return linked;
  }
  const claimed = claims[d.config.QD_OIDC_USERNAME_CLAIM] ?? claims.email ?? subject;
  const username = typeof claimed === 'string' ? claimed : '';
  if (!USERNAME.test(username))
    throw new SsoRefusal('the identity provider sent no usable username', 'sso-failed', detail);
  try {
    return await provisionLinkedUser(
      d.ctx.db,
      { provider: 'oidc', issuer, subject },
      username,
      role,
    );
  } catch (err) {
    if (err instanceof UsernameTakenError)
      throw new SsoRefusal(
        `a local user named ${username} already exists and is not linked to this identity`,
        'sso-failed',
        detail,
      );
    throw err;
  }
}

/** OIDC relying party routes: start, callback, RP-initiated logout; plus token refresh. */
export function registerOidcProvider(app: FastifyInstance, d: OidcDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tx = oidcTxCookie(d.ctx.sessions.secureCookies);
  const txCookie = {
    path: tx.path,
    httpOnly: true,
    // Lax: the IdP sends the browser back with a top-level cross-site GET.
    sameSite: 'lax' as const,
    secure: d.ctx.sessions.secureCookies,
    maxAge: OIDC_TX_SECONDS,
  };

  r.get(
    '/api/v1/auth/oidc/start',
    { config: { permission: 'public' }, schema: { querystring: OidcStartQuery } },
    async (req, reply) => {
      let begun;
      try {
        begun = await d.rp.begin(req.query.returnTo ?? '/');
      } catch (err) {
        req.log.warn({ err }, 'OIDC discovery failed');
        if (wantsHtml(req)) return reply.redirect('/login?reason=sso-unavailable', 303);
        throw new AppError(
          'IDP_UNAVAILABLE',
          `The identity provider (${d.rp.issuer}) cannot be reached: ${describeOidcError(err)}.`,
        );
      }
      void reply.setCookie(tx.name, await d.rp.seal(begun.tx), txCookie);
      return reply.redirect(begun.url.toString(), 303);
    },
  );

  r.get(
    '/api/v1/auth/oidc/callback',
    { config: { permission: 'public' }, schema: { querystring: OidcCallbackQuery } },
    async (req, reply) => {
      // The transaction is single-use: cleared whatever happens next.
      const started = await d.rp.open(req.cookies[tx.name]);
      void reply.clearCookie(tx.name, { path: tx.path, secure: d.ctx.sessions.secureCookies });
      try {
        if (!started)
          throw new SsoRefusal(
            'no sign-in was started from this browser, or it took longer than 10 minutes',
            'sso-failed',
          );
        const search = req.url.slice(req.url.indexOf('?'));
        let tokens;
        try {
          tokens = await d.rp.finish(new URL(d.rp.redirectUri + search), started);
        } catch (err) {
          throw new SsoRefusal(describeOidcError(err), 'sso-failed', {
            error: (err as Error).message,
          });
        }
        const claims = tokens.claims()! as Record<string, unknown>;
        const user = await userForClaims(d, claims);
        const expiresIn = tokens.expiresIn();
        await signIn(
          d.ctx,
          req,
          reply,
          user,
          'oidc',
          {
            oidc: {
              idToken: tokens.id_token!,
              ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
              ...(expiresIn !== undefined
                ? { expiresAt: d.ctx.now().getTime() + expiresIn * 1000 }
                : {}),
            },
          },
          { issuer: claims.iss, subject: claims.sub },
        );
        return reply.redirect(started.returnTo, 303);
      } catch (err) {
        if (!(err instanceof SsoRefusal)) throw err;
        return refuse(req, reply, err);
      }
    },
  );

  async function refuse(req: FastifyRequest, reply: FastifyReply, err: SsoRefusal) {
    await auditSignInFailure(d.ctx, req, 'anonymous', 'oidc', 'SSO_FAILED', {
      reason: err.reason,
      ...err.detail,
    });
    if (wantsHtml(req)) return reply.redirect(`/login?reason=${err.loginReason}`, 303);
    throw new AppError('SSO_FAILED', `Sign-in with the identity provider failed: ${err.reason}.`);
  }

  r.post(
    '/api/v1/auth/oidc/logout',
    {
      config: {
        permission: 'profile:self',
        action: 'auth.logout',
        duringMfaEnrolment: true,
        duringMfaVerification: true,
      },
      schema: { response: { 200: OidcLogoutResponse } },
    },
    async (req, reply) => {
      const session = req.session!;
      await d.ctx.sessions.destroy(session.id);
      await d.ctx.revocations.publish([session.handle], 'logged out');
      await auditAuth(d.ctx, req, {
        action: 'auth.logout',
        target: session.handle,
        outcome: 'success',
        detail: { provider: 'oidc' },
      });
      clearSessionCookie(d.ctx, reply);
      const idToken = session.oidc?.idToken;
      const endSession = idToken ? await d.rp.endSessionUrl(idToken).catch(() => null) : null;
      return { redirectTo: endSession ?? '/login?reason=signed-out' };
    },
  );
}
