import type { Role } from '@qd/contracts';
import { AppError } from '@qd/platform';
import type { FastifyInstance } from 'fastify';
import { setUserRole } from './externalUsers';
import { oidcRole, type OidcDeps } from './oidc';
import { describeOidcError } from './oidcClient';

/**
 * Once an OIDC session's access token has expired, the next request refreshes it at the IdP:
 * the role follows the fresh claims, and a refusal (token revoked, user disabled upstream) ends
 * the session. Runs after the guard has loaded the session.
 */
export function installOidcRefresh(app: FastifyInstance, d: OidcDeps): void {
  app.addHook('onRequest', async (req) => {
    const s = req.session;
    if (!s || s.provider !== 'oidc' || !s.oidc?.refreshToken || !s.oidc.expiresAt) return;
    if (d.now().getTime() < s.oidc.expiresAt) return;
    let role: string | null = s.role;
    let failure: string | null = null;
    try {
      const tokens = await d.rp.refresh(s.oidc.refreshToken);
      const claims = tokens.claims() as Record<string, unknown> | undefined;
      if (claims) role = oidcRole(d.config, claims);
      if (!role) failure = 'the identity provider no longer grants a Quarterdeck role';
      const expiresIn = tokens.expiresIn();
      s.oidc = {
        idToken: tokens.id_token ?? s.oidc.idToken,
        refreshToken: tokens.refresh_token ?? s.oidc.refreshToken,
        ...(expiresIn !== undefined ? { expiresAt: d.now().getTime() + expiresIn * 1000 } : {}),
      };
    } catch (err) {
      failure = describeOidcError(err);
    }
    const entry = {
      actor: s.username,
      action: 'auth.oidc.refresh',
      target: s.userId,
      ip: req.ip,
      userAgent: req.headers['user-agent'] ?? null,
      requestId: req.id,
    };
    if (failure) {
      await d.sessions.destroy(s.id);
      d.revokeSockets(s.id, 'identity provider ended the sign-in');
      await d.audit.write({ ...entry, outcome: 'failure', detail: { reason: failure } });
      req.session = null;
      req.audited = true;
      throw new AppError(
        'UNAUTHENTICATED',
        `Your identity provider ended your sign-in (${failure}). Sign in again.`,
      );
    }
    const changed = role !== s.role;
    if (changed) await setUserRole(d.db, s.userId, role as Role);
    s.role = role!;
    await d.sessions.save(s);
    await d.audit.write({
      ...entry,
      outcome: 'success',
      detail: changed ? { roleChangedTo: role } : null,
    });
  });
}
