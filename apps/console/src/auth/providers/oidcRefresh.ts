import type { Role } from '@qd/contracts';
import { AppError } from '@qd/platform';
import type { FastifyInstance } from 'fastify';
import { auditAuth, rotateSession } from '../context';
import { setUserRole } from './externalUsers';
import { oidcRole, type OidcDeps } from './oidc';
import { describeOidcError } from './oidcClient';

/**
 * Once an OIDC session's access token has expired, the next request refreshes it at the IdP:
 * the role follows the fresh claims (a changed role rotates the session id, as every privilege
 * change does), and a refusal (token revoked, user disabled upstream) ends the session and its
 * sockets. Runs after the guard has loaded the session.
 */
export function installOidcRefresh(app: FastifyInstance, d: OidcDeps): void {
  const { ctx } = d;
  app.addHook('onRequest', async (req, reply) => {
    const s = req.session;
    if (!s || s.provider !== 'oidc' || !s.oidc?.refreshToken || !s.oidc.expiresAt) return;
    if (ctx.now().getTime() < s.oidc.expiresAt) return;
    let role: string | null = s.role;
    let failure: string | null = null;
    let oidc = s.oidc;
    try {
      const tokens = await d.rp.refresh(s.oidc.refreshToken);
      const claims = tokens.claims() as Record<string, unknown> | undefined;
      if (claims) role = oidcRole(d.config, claims);
      if (!role) failure = 'the identity provider no longer grants a Quarterdeck role';
      const expiresIn = tokens.expiresIn();
      oidc = {
        idToken: tokens.id_token ?? s.oidc.idToken,
        refreshToken: tokens.refresh_token ?? s.oidc.refreshToken,
        ...(expiresIn !== undefined ? { expiresAt: ctx.now().getTime() + expiresIn * 1000 } : {}),
      };
    } catch (err) {
      failure = describeOidcError(err);
    }
    const entry = { actor: s.username, action: 'auth.oidc.refresh', target: s.handle };
    if (failure) {
      await ctx.sessions.destroy(s.id);
      await ctx.revocations.publish([s.handle], 'identity provider ended the sign-in');
      await auditAuth(ctx, req, { ...entry, outcome: 'failure', detail: { reason: failure } });
      req.session = null;
      throw new AppError(
        'UNAUTHENTICATED',
        `Your identity provider ended your sign-in (${failure}). Sign in again.`,
      );
    }
    if (role !== s.role) {
      await setUserRole(ctx.db, s.userId, role as Role);
      await rotateSession(ctx, req, reply, s, { role: role!, oidc });
    } else {
      s.oidc = oidc;
      await ctx.sessions.save(s);
    }
    await auditAuth(ctx, req, {
      ...entry,
      outcome: 'success',
      detail: role !== s.role ? { roleChangedTo: role } : null,
    });
    // The refresh is bookkeeping: the request's own action is still audited on its own.
    req.audited = false;
  });
}
