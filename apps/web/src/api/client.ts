import type { Problem } from '@qd/contracts';
import { formatTime } from '../format/time';

/** A failed API call: the server's problem+json when there is one, or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldErrors: Record<string, string>;
  /** When a rate-limited action may be tried again (from `Retry-After`); null otherwise. */
  readonly retryAt: Date | null;

  constructor(
    status: number,
    code: string,
    detail: string,
    fieldErrors: Record<string, string> = {},
    retryAt: Date | null = null,
  ) {
    // A refusal for now says when it will be allowed: "… Try again at 14:03:22."
    super(
      retryAt
        ? `${detail.replace(/\.$/, '')}. Try again at ${formatTime(retryAt.toISOString())}.`
        : detail,
    );
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.retryAt = retryAt;
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

const BASE = '/api/v1';
let serverOffsetMs = 0;

/**
 * The server's clock now, estimated from the `Date` header of the latest API answer (1 s
 * resolution), so ages of server timestamps do not depend on this machine's clock being right.
 */
export function serverNow(): number {
  return Date.now() + serverOffsetMs;
}

function noteServerDate(res: Response): void {
  const date = Date.parse(res.headers.get('date') ?? '');
  // The header is whole seconds: half a second is the best estimate of where in it we are.
  if (Number.isFinite(date)) serverOffsetMs = date + 500 - Date.now();
}
let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** The session's CSRF token, sent on every state-changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let onStepUpRequired: (() => Promise<boolean>) | null = null;

/**
 * Called when the server answers STEP_UP_REQUIRED: asks the user to verify again (the step-up
 * dialog) and resolves true when they did; the request is then sent once more.
 */
export function setStepUpHandler(handler: (() => Promise<boolean>) | null): void {
  onStepUpRequired = handler;
}

/** Called when a request that needs a session gets 401: the session has ended. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Auth endpoints answer 401 as a normal outcome; do not treat it as an expired session. */
  expectUnauthorized?: boolean;
  /** Do not offer step-up and retry on STEP_UP_REQUIRED (the retry itself). */
  noStepUp?: boolean;
  /** Do not check the session and retry on 401 (the retry itself). */
  noSessionRetry?: boolean;
}

function fieldErrorsOf(problem: Problem): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem.errors ?? []) {
    const key = e.path.replace(/^\/?(body[./])?/, '').replace(/\//g, '.');
    out[key] ??= e.message;
  }
  return out;
}

async function toApiError(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null);
  // The schemas load on demand so the login page ships without zod.
  const { Problem } = await import('@qd/contracts');
  const parsed = Problem.safeParse(body);
  if (parsed.success) {
    const p = parsed.data;
    const wait = p.retryAfter ?? Number(res.headers.get('retry-after') ?? Number.NaN);
    const retryAt = Number.isFinite(wait) && wait > 0 ? new Date(Date.now() + wait * 1000) : null;
    return new ApiError(res.status, p.code, p.detail, fieldErrorsOf(p), retryAt);
  }
  return new ApiError(
    res.status,
    'HTTP_' + res.status,
    `The server answered ${res.status} ${res.statusText}`.trim(),
  );
}

/**
 * True when the browser's session cookie names a live session. A request sent just before the
 * session id rotated (step-up, MFA, password change, in this tab or another) carries the old id
 * and gets 401 although the session lives on under the new id the cookie now holds.
 */
function sessionLives(): Promise<boolean> {
  return apiRequest('/auth/session', { expectUnauthorized: true }).then(
    () => true,
    () => false,
  );
}

/** Calls the console API: JSON in and out, CSRF header on mutations, problem+json errors. */
export async function apiRequest(path: string, options: RequestOptions = {}): Promise<unknown> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(BASE + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(
      0,
      'NETWORK',
      'Cannot reach the server. Check the connection and try again.',
    );
  }
  noteServerDate(res);
  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 401 && !options.expectUnauthorized) {
      // A missing session is found before any effect, so sending the request again is safe.
      if (error.code === 'UNAUTHENTICATED' && !options.noSessionRetry && (await sessionLives()))
        return apiRequest(path, { ...options, noSessionRetry: true });
      onUnauthorized?.();
    }
    if (error.code === 'STEP_UP_REQUIRED' && onStepUpRequired && !options.noStepUp)
      if (await onStepUpRequired()) return apiRequest(path, { ...options, noStepUp: true });
    throw error;
  }
  if (res.status === 204) return null;
  return res.json().catch(() => null);
}
