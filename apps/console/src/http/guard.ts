import { timingSafeEqual } from 'node:crypto';
import { can, type Permission, type Role } from '@qd/contracts';
import { AppError, type SessionRecord } from '@qd/platform';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditLog } from '../audit/auditLog';
import type { ApiKeys } from '../auth/apiKeys';
import type { Sessions } from '../auth/sessions';

export type RoutePermission = Permission | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
    /** Audit action name for state-changing routes. */
    action?: string;
    /** Needs a second factor proved within the last 5 minutes (server-side step-up). */
    stepUp?: boolean;
    /** Allowed while the user still has to enrol MFA (enrolment, session, logout). */
    duringMfaEnrolment?: boolean;
    /** Allowed before a provider sign-in has passed its TOTP step (the step itself, logout). */
    duringMfaVerification?: boolean;
  }
  interface FastifyInstance {
    /** Every /api route with what it declares (for the route-permission tests and docs). */
    apiRoutes: ApiRoute[];
  }
  interface FastifyRequest {
    session: SessionRecord | null;
    /** Scopes of the API key that authenticated the request; null for a browser session. */
    apiKeyScopes: Permission[] | null;
    audited: boolean;
  }
}

/** A registered /api route and its declared security. */
export interface ApiRoute {
  method: string;
  url: string;
  permission: RoutePermission | undefined;
  stepUp: boolean;
  mutating: boolean;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The client as seen through trusted proxies only (Fastify's trustProxy list). */
export function clientOf(req: FastifyRequest): { ip: string; userAgent: string } {
  return { ip: req.ip, userAgent: req.headers['user-agent'] ?? '' };
}

/** Reads and checks the signed session cookie; null when absent, tampered, expired or foreign. */
export async function sessionFromRequest(
  req: FastifyRequest,
  sessions: Sessions,
): Promise<SessionRecord | null> {
  const raw = req.cookies[sessions.cookieName];
  if (!raw) return null;
  const unsigned = req.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  const loaded = await sessions.load(unsigned.value, clientOf(req));
  if (!loaded.ok && loaded.reason !== 'missing') req.sessionRejected = loaded.reason;
  return loaded.ok ? loaded.session : null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Why a presented session was refused (audited). */
    sessionRejected?: 'device' | 'expired';
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface GuardDeps {
  sessions: Sessions;
  audit: AuditLog;
  apiKeys: ApiKeys;
}

/**
 * authenticate (session cookie or API key) → MFA policy → authorize → step-up → CSRF, on every
 * /api route, from what the route declares. A route under /api without a permission refuses to
 * register.
 */
export function installGuard(app: FastifyInstance, d: GuardDeps): void {
  app.decorateRequest('session', null);
  app.decorateRequest('apiKeyScopes', null);
  app.decorateRequest('audited', false);
  app.decorate('apiRoutes', [] as ApiRoute[]);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    if (!route.config?.permission)
      throw new Error(`route ${route.method} ${route.url} declares no permission`);
    for (const method of [route.method].flat())
      if (method !== 'HEAD')
        app.apiRoutes.push({
          method,
          url: route.url,
          permission: route.config.permission,
          stepUp: route.config.stepUp === true,
          mutating: MUTATING.has(method),
        });
  });
  app.addHook('onRequest', async (req) => {
    const config = req.routeOptions.config;
    const permission = config?.permission;
    if (!permission || !req.url.startsWith('/api/v1')) return;
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) {
      const key = await d.apiKeys.authenticate(bearer.trim());
      if (!key) throw new AppError('UNAUTHENTICATED', 'The API key is unknown, expired or revoked');
      req.session = key.principal;
      req.apiKeyScopes = key.scopes;
    } else req.session = await sessionFromRequest(req, d.sessions);
    if (req.sessionRejected === 'device') await auditDeviceMismatch(d.audit, req);
    if (permission === 'public') return;
    const s = req.session;
    if (!s && req.sessionRejected === 'expired')
      throw new AppError('SESSION_EXPIRED', 'Your session expired. Sign in again to continue.');
    if (!s) throw new AppError('UNAUTHENTICATED', 'Sign in to continue (no session)');
    if (s.mfaVerificationRequired && !config.duringMfaVerification)
      throw new AppError(
        'MFA_VERIFICATION_REQUIRED',
        'Enter the 6-digit code from your authenticator app to finish signing in',
      );
    if (s.mfaEnrolmentRequired && !config.duringMfaEnrolment)
      throw new AppError(
        'MFA_ENROLMENT_REQUIRED',
        `Your role (${s.role}) requires two-factor authentication: set it up to continue`,
      );
    if (
      !can(s.role as Role, permission) ||
      (req.apiKeyScopes && !req.apiKeyScopes.includes(permission))
    )
      throw new AppError(
        'FORBIDDEN',
        req.apiKeyScopes && can(s.role as Role, permission)
          ? `This API key is not scoped for ${permission}`
          : `Your role (${s.role}) does not have permission ${permission}`,
      );
    if (config.stepUp && (req.apiKeyScopes || !d.sessions.steppedUp(s)))
      throw new AppError(
        'STEP_UP_REQUIRED',
        req.apiKeyScopes
          ? 'This action needs an interactive session with a fresh second factor; API keys cannot do it'
          : 'Confirm it is you: verify again (authenticator code) to continue; verification lasts 5 minutes',
      );
    if (MUTATING.has(req.method) && !req.apiKeyScopes) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, s.csrfToken))
        throw new AppError('CSRF_FAILED', 'Missing or invalid X-CSRF-Token header');
    }
  });
  // Every refused or failed state-changing request is audited before its error is sent.
  app.addHook('onError', async (req, _reply, error) => {
    if (req.audited || !req.url.startsWith('/api/v1')) return;
    const code = error instanceof AppError ? error.code : 'INTERNAL';
    // Reads are audited only when a signed-in user is refused (not every anonymous 401).
    if (!MUTATING.has(req.method) && !(req.session && DENIED.has(code))) return;
    await d.audit.write({
      actor: req.session?.username ?? 'anonymous',
      action: req.routeOptions.config?.action ?? `${req.method} ${req.routeOptions.url}`,
      target: null,
      outcome: DENIED.has(code) ? 'denied' : 'failure',
      ip: req.ip,
      userAgent: req.headers['user-agent'] ?? null,
      requestId: req.id,
      detail: { code, message: error.message },
    });
    req.audited = true;
  });
}

const DENIED = new Set([
  'SESSION_EXPIRED',
  'FORBIDDEN',
  'CSRF_FAILED',
  'UNAUTHENTICATED',
  'STEP_UP_REQUIRED',
  'MFA_ENROLMENT_REQUIRED',
  'MFA_VERIFICATION_REQUIRED',
]);

async function auditDeviceMismatch(audit: AuditLog, req: FastifyRequest): Promise<void> {
  await audit.write({
    actor: 'anonymous',
    action: 'session.device_mismatch',
    outcome: 'denied',
    reason: 'session cookie presented from another device or address',
    ip: req.ip,
    userAgent: req.headers['user-agent'] ?? null,
    requestId: req.id,
    detail: { route: `${req.method} ${req.routeOptions.url}` },
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
