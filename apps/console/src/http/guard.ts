import { timingSafeEqual } from 'node:crypto';
import { can, type Permission, type Role } from '@qd/contracts';
import { AppError, type SessionRecord } from '@qd/platform';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditLog } from '../audit/auditLog';
import { SESSION_COOKIE, type Sessions } from '../auth/sessions';

export type RoutePermission = Permission | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
    /** Audit action name for state-changing routes. */
    action?: string;
    /** Needs a recent MFA step-up (enforced by the security work). */
    stepUp?: boolean;
  }
  interface FastifyRequest {
    session: SessionRecord | null;
    audited: boolean;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Reads and checks the signed session cookie; null when absent, tampered or expired. */
export async function sessionFromRequest(
  req: FastifyRequest,
  sessions: Sessions,
): Promise<SessionRecord | null> {
  const raw = req.cookies[SESSION_COOKIE];
  if (!raw) return null;
  const unsigned = req.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  return sessions.touch(unsigned.value);
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * authenticate → authorize → CSRF, on every /api route, from the permission the route declares.
 * A route under /api without a declared permission refuses to register.
 */
export function installGuard(app: FastifyInstance, sessions: Sessions, audit: AuditLog): void {
  app.decorateRequest('session', null);
  app.decorateRequest('audited', false);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1') && !route.config?.permission)
      throw new Error(`route ${route.method} ${route.url} declares no permission`);
  });
  app.addHook('onRequest', async (req) => {
    const permission = req.routeOptions.config?.permission;
    if (!permission || !req.url.startsWith('/api/v1')) return;
    req.session = await sessionFromRequest(req, sessions);
    if (permission === 'public') return;
    if (!req.session)
      throw new AppError('UNAUTHENTICATED', 'Sign in to continue (no session, or it expired)');
    if (!can(req.session.role as Role, permission))
      throw new AppError(
        'FORBIDDEN',
        `Your role (${req.session.role}) does not have permission ${permission}`,
      );
    if (MUTATING.has(req.method)) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, req.session.csrfToken))
        throw new AppError('CSRF_FAILED', 'Missing or invalid X-CSRF-Token header');
    }
  });
  // Every refused or failed state-changing request is audited before its error is sent.
  app.addHook('onError', async (req, _reply, error) => {
    if (!MUTATING.has(req.method) || req.audited || !req.url.startsWith('/api/v1')) return;
    const code = error instanceof AppError ? error.code : 'INTERNAL';
    await audit.write({
      actor: req.session?.username ?? 'anonymous',
      action: req.routeOptions.config?.action ?? `${req.method} ${req.routeOptions.url}`,
      target: null,
      outcome:
        code === 'FORBIDDEN' || code === 'CSRF_FAILED' || code === 'UNAUTHENTICATED'
          ? 'denied'
          : 'failure',
      ip: req.ip,
      userAgent: req.headers['user-agent'] ?? null,
      requestId: req.id,
      detail: { code, message: error.message },
    });
    req.audited = true;
  });
}

/** Audits a state-changing action's success (failures are audited by the guard's onError). */
export async function auditSuccess(
  audit: AuditLog,
  req: FastifyRequest,
  target: string | null,
  reason: string | null,
  detail: Record<string, unknown> | null = null,
): Promise<void> {
  await audit.write({
    actor: req.session?.username ?? 'anonymous',
    action: req.routeOptions.config?.action ?? req.routeOptions.url ?? req.url,
    target,
    outcome: 'success',
    reason,
    ip: req.ip,
    userAgent: req.headers['user-agent'] ?? null,
    requestId: req.id,
    detail,
  });
  req.audited = true;
}
