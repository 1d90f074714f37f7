import type { Role } from '@qd/contracts';
import type { Database } from '@qd/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuditEntry, AuditLog } from '../audit/auditLog';
import type { ApiKeys } from './apiKeys';
import type { LoginLimiter } from './loginLimiter';
import type { Mfa } from './mfa';
import type { Revocations } from './revocation';
import type { Sessions } from './sessions';

/** Everything the identity routes share. */
export interface AuthContext {
  db: Database;
  sessions: Sessions;
  audit: AuditLog;
  limiter: LoginLimiter;
  mfa: Mfa;
  apiKeys: ApiKeys;
  revocations: Revocations;
  /** Roles that must use MFA (QD_MFA_REQUIRED_ROLES). */
  mfaRequiredRoles: readonly Role[];
  now: () => Date;
}

/** Writes one auth event with who, from where and which request; marks the request audited. */
export async function auditAuth(
  ctx: AuthContext,
  req: FastifyRequest,
  entry: Omit<AuditEntry, 'ip' | 'userAgent' | 'requestId' | 'actor'> & { actor?: string },
): Promise<void> {
  await ctx.audit.write({
    actor: entry.actor ?? req.session?.username ?? 'anonymous',
    ip: req.ip,
    userAgent: req.headers['user-agent'] ?? null,
    requestId: req.id,
    ...entry,
  });
  req.audited = true;
}

/** Puts the session id in the (signed, HttpOnly, SameSite=Strict) cookie. */
export function setSessionCookie(ctx: AuthContext, reply: FastifyReply, id: string): void {
  void reply.setCookie(ctx.sessions.cookieName, id, ctx.sessions.cookieOptions);
}

/** Removes the session cookie (same attributes, so `__Host-` cookies are cleared too). */
export function clearSessionCookie(ctx: AuthContext, reply: FastifyReply): void {
  const { signed: _signed, ...attributes } = ctx.sessions.cookieOptions;
  void reply.clearCookie(ctx.sessions.cookieName, attributes);
}

/** Ends sessions and announces it, so their sockets get `revoked` on every instance. */
export async function endSessions(
  ctx: AuthContext,
  userId: string,
  reason: string,
  which: { handle?: string; except?: string } = {},
): Promise<string[]> {
  const ended = await ctx.sessions.endForUser(userId, which);
  await ctx.revocations.publish(ended, reason);
  return ended;
}
