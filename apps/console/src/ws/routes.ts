import { AppError } from '@qd/platform';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Sessions } from '../auth/sessions';
import { sessionFromRequest } from '../http/guard';
import type { Hub } from './hub';

/** True when the request's Origin may open a socket: the allowlist, or this server's own origin. */
export function originAllowed(req: FastifyRequest, allowed: string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  if (allowed.length) return allowed.includes(origin);
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** WS /ws: session cookie and Origin are checked before the upgrade; the socket only pushes. */
export function registerWsRoute(
  app: FastifyInstance,
  hub: Hub,
  sessions: Sessions,
  allowedOrigins: string[],
): void {
  app.get(
    '/ws',
    {
      websocket: true,
      preValidation: async (req) => {
        if (hub.draining)
          throw new AppError(
            'SERVICE_DRAINING',
            'This instance is shutting down: connect again (another instance will answer)',
          );
        const session = await sessionFromRequest(req, sessions);
        if (!session)
          throw new AppError(
            'UNAUTHENTICATED',
            'A signed-in session is required for the live feed',
          );
        if (!originAllowed(req, allowedOrigins))
          throw new AppError('FORBIDDEN', 'Origin not allowed');
        if (session.mfaVerificationRequired)
          throw new AppError(
            'MFA_VERIFICATION_REQUIRED',
            'Finish signing in (authenticator code) before opening the live feed',
          );
        if (session.mfaEnrolmentRequired)
          throw new AppError(
            'MFA_ENROLMENT_REQUIRED',
            'Set up two-factor authentication before opening the live feed',
          );
        req.session = session;
      },
    },
    (socket, req) => {
      hub.attach(socket, req.session!);
    },
  );
}
