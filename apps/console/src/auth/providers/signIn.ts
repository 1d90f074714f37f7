import type { AuthProviderId } from '@qd/contracts';
import type { SessionRecord } from '@qd/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuditLog } from '../../audit/auditLog';
import { SESSION_COOKIE, type Sessions } from '../sessions';

export interface SignInDeps {
  sessions: Sessions;
  audit: AuditLog;
  secureCookies: boolean;
}

/** The session cookie as every provider sets it (signed id only, HttpOnly, SameSite=Strict). */
export function sessionCookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure, signed: true };
}

/**
 * Starts a session for a user a provider has identified: ends this browser's previous session
 * (fresh id, no fixation), audits the success with the provider, and sets the cookie.
 */
export async function signIn(
  d: SignInDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  user: { id: string; username: string; role: string },
  provider: AuthProviderId,
  extra: Pick<SessionRecord, 'oidc'> = {},
  detail: Record<string, unknown> = {},
): Promise<SessionRecord> {
  if (req.session) await d.sessions.destroy(req.session.id);
  const session = await d.sessions.create(user, req.ip, req.headers['user-agent'] ?? '', {
    provider,
    ...extra,
  });
  req.session = session;
  await d.audit.write({
    actor: user.username,
    action: 'auth.login',
    target: user.id,
    outcome: 'success',
    ip: req.ip,
    userAgent: req.headers['user-agent'] ?? null,
    requestId: req.id,
    detail: { provider, ...detail },
  });
  req.audited = true;
  void reply.setCookie(SESSION_COOKIE, session.id, sessionCookieOptions(d.secureCookies));
  return session;
}

/** Audits a refused sign-in through a provider (before the error is sent). */
export async function auditSignInFailure(
  audit: AuditLog,
  req: FastifyRequest,
  actor: string,
  provider: AuthProviderId,
  code: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await audit.write({
    actor,
    action: 'auth.login',
    outcome: 'failure',
    ip: req.ip,
    userAgent: req.headers['user-agent'] ?? null,
    requestId: req.id,
    detail: { provider, code, ...detail },
  });
  req.audited = true;
}
