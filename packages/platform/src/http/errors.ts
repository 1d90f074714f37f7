import type { ErrorCode, Problem } from '@qd/contracts';
import {
  LogController,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { z } from 'zod';

/** HTTP status of every error code: the one catalogue both servers render from. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNKNOWN_SYMBOL: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  MFA_REQUIRED: 401,
  MFA_INVALID: 401,
  MFA_ENROLMENT_REQUIRED: 403,
  MFA_ALREADY_ENROLLED: 409,
  MFA_VERIFICATION_REQUIRED: 403,
  ACCOUNT_DISABLED: 403,
  STEP_UP_REQUIRED: 403,
  USERNAME_TAKEN: 409,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ORDER_NOT_CANCELABLE: 409,
  ORDER_NOT_MODIFIABLE: 409,
  BREAKER_ALREADY_TRIPPED: 409,
  BREAKER_NOT_TRIPPED: 409,
  NO_POSITION: 409,
  ORDER_BREAKER_TRIPPED: 422,
  ORDER_ENTRIES_PAUSED: 422,
  KILL_SWITCH_ALREADY_ENGAGED: 409,
  KILL_SWITCH_NOT_ENGAGED: 409,
  ORDER_KILL_SWITCH_ENGAGED: 422,
  ORDER_KILL_SWITCH_UNKNOWN: 422,
  ORDER_INSUFFICIENT_BUYING_POWER: 422,
  ORDER_NO_MARKET_DATA: 422,
  ORDER_REJECTED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  GATEWAY_UNAVAILABLE: 503,
  PROVIDER_DISABLED: 404,
  SSO_FAILED: 400,
  IDP_UNAVAILABLE: 503,
  SERVICE_DRAINING: 503,
};

/** An error with a stable code; rendered as RFC 9457 problem+json. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors?: { path: string; message: string }[],
    readonly status: number = ERROR_STATUS[code],
    /** Seconds until a rate-limited action is allowed again (sent as `Retry-After`). */
    readonly retryAfter?: number,
  ) {
    super(detail);
  }

  /** A 429 for an action allowed again in `retryAfter` seconds. */
  static rateLimited(detail: string, retryAfter: number): AppError {
    return new AppError('RATE_LIMITED', detail, undefined, 429, Math.max(1, Math.ceil(retryAfter)));
  }

  toProblem(instance?: string): Problem {
    return {
      type: `https://quarterdeck.dev/problems/${this.code.toLowerCase().replaceAll('_', '-')}`,
      title: this.code.replaceAll('_', ' ').toLowerCase(),
      status: this.status,
      detail: this.detail,
      code: this.code,
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...(this.retryAfter !== undefined ? { retryAfter: this.retryAfter } : {}),
    };
  }
}

/** Parses a value with a zod schema or throws VALIDATION_FAILED naming each bad field. */
export function parseOr400<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where = 'body',
): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const errors = result.error.issues.map((i) => ({
    path: i.path.length ? i.path.join('.') : where,
    message: i.message,
  }));
  const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
  throw new AppError('VALIDATION_FAILED', `Invalid ${where}: ${detail}`, errors);
}

/**
 * Installs the one error handler (and 404 handler) that renders every failure as problem+json.
 * With `spaIndex`, unknown GET paths outside /api and /ws serve the SPA shell (client routes).
 */
export function installProblemHandler(
  app: FastifyInstance,
  spaIndex: boolean | ((request: FastifyRequest, reply: FastifyReply) => unknown) = false,
): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    let appError: AppError;
    const validation = (error as FastifyError).validation;
    if (error instanceof AppError) appError = error;
    else if (validation) {
      // Schema validation (zod via the type provider): name every failing field.
      const where = (error as FastifyError).validationContext ?? 'body';
      const errors = validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || where,
        message: v.message ?? 'invalid',
      }));
      appError = new AppError(
        'VALIDATION_FAILED',
        `Invalid ${where}: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
        errors,
      );
    } else if (error.code?.startsWith('FST_ERR_CTP_') || error instanceof SyntaxError)
      appError = new AppError(
        'MALFORMED_JSON',
        `The request body is not valid JSON: ${error.message}`,
      );
    else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      appError = new AppError('VALIDATION_FAILED', 'Send the body as application/json');
    else if (error.statusCode === 429) appError = new AppError('RATE_LIMITED', error.message);
    else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
      appError = new AppError('VALIDATION_FAILED', error.message, undefined, error.statusCode);
    else {
      request.log.error({ err: error }, 'unhandled error');
      appError = new AppError('INTERNAL', 'Something went wrong on our side; nothing was changed.');
    }
    if (appError.retryAfter !== undefined) void reply.header('retry-after', appError.retryAfter);
    void reply
      .status(appError.status)
      .type('application/problem+json')
      .send(appError.toProblem(request.url));
  });
  app.setNotFoundHandler((request, reply) => {
    const url = request.url;
    if (spaIndex && request.method === 'GET' && !url.startsWith('/api') && !url.startsWith('/ws'))
      return typeof spaIndex === 'function'
        ? spaIndex(request, reply)
        : (reply as unknown as { sendFile(f: string): unknown }).sendFile('index.html');
    const e = new AppError('NOT_FOUND', `No route ${request.method} ${request.url}`);
    void reply.status(404).type('application/problem+json').send(e.toProblem(request.url));
  });
}

/** Request logging off: every state change is audited, and per-request lines would drown the log. */
export function quietRequestLogs(): LogController {
  return new LogController({ disableRequestLogging: true });
}
