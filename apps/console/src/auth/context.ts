import type { Role } from '@qd/contracts';
import type { Database, SessionRecord, Tx } from '@qd/platform';
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

type EventFields = Omit<AuditEntry, 'ip' | 'userAgent' | 'requestId' | 'actor'> & {
  actor?: string;
};

/** An audit entry for this request: who, from where, which request. */
export function auditEntry(req: FastifyRequest, entry: EventFields): AuditEntry {
  return {
    actor: entry.actor ?? req.session?.username ?? 'anonymous',
    ip: req.ip,
    userAgent: req.headers['user-agent'] ?? null,
    requestId: req.id,
    ...entry,
  };
}

/** Writes one auth event with who, from where and which request; marks the request audited. */
export async function auditAuth(
  ctx: AuthContext,
  req: FastifyRequest,
  entry: EventFields,
): Promise<void> {
  await ctx.audit.write(auditEntry(req, entry));
  req.audited = true;
}

/** Runs a database effect and its audit entry in one transaction (both or neither). */
export async function auditedEffect(
  ctx: AuthContext,
  req: FastifyRequest,
  effect: (tx: Tx) => Promise<void>,
  entry: EventFields,
): Promise<void> {
  await auditedTx(ctx, req, effect, () => entry);
}

/**
 * Like `auditedEffect`, for an effect whose result names the audit entry (a new id): if the
 * audit write fails, the effect rolls back and the action fails.
 */
export async function auditedTx<T>(
  ctx: AuthContext,
  req: FastifyRequest,
  effect: (tx: Tx) => Promise<T>,
  entry: (result: T) => EventFields,
): Promise<T> {
  const result = await ctx.audit.transaction(async (tx, audit) => {
    const r = await effect(tx);
    await audit(auditEntry(req, entry(r)));
    return r;
  });
  req.audited = true;
  return result;
}

/** Puts the session id in the (signed, HttpOnly, SameSite=Strict) cookie. */
export function setSessionCookie(ctx: AuthContext, reply: FastifyReply, id: string): void {
  void reply.setCookie(ctx.sessions.cookieName, id, ctx.sessions.cookieOptions);
}

/**
 * Gives the request's session a new id (login-level change: MFA, step-up, role, password) with
 * `changes` applied, makes it the request's session and puts the new id in the cookie.
 */
export async function rotateSession(
  ctx: AuthContext,
  req: FastifyRequest,
  reply: FastifyReply,
  s: SessionRecord,
  changes: Partial<SessionRecord> = {},
): Promise<SessionRecord> {
  const next = await ctx.sessions.rotate(s, changes);
  req.session = next;
  setSessionCookie(ctx, reply, next.id);
  return next;
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
