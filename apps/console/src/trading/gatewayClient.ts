import { GATEWAY_ACTOR_HEADER, GATEWAY_REQUEST_ID_HEADER, Problem } from '@qd/contracts';
import { AppError } from '@qd/platform';

export interface GatewayResponse<T> {
  status: number;
  body: T;
}

/** Calls the gateway with the service credential and the acting user; passes its problems through. */
export class GatewayClient {
  constructor(
    private readonly baseUrl: string,
    private readonly serviceToken: string,
    private readonly timeoutMs = 5_000,
  ) {}

  async call<T>(
    method: string,
    path: string,
    opts: { actor?: string; body?: unknown; requestId?: string } = {},
  ): Promise<GatewayResponse<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.serviceToken}` };
    if (opts.actor) headers[GATEWAY_ACTOR_HEADER] = opts.actor;
    if (opts.requestId) headers[GATEWAY_REQUEST_ID_HEADER] = opts.requestId;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new AppError(
        'GATEWAY_UNAVAILABLE',
        `The execution gateway did not answer (${(err as Error).message}); nothing was changed.`,
      );
    }
    const text = await res.text();
    const json = text ? JSON.parse(text) : null;
    if (res.ok) return { status: res.status, body: json as T };
    const problem = Problem.safeParse(json);
    if (problem.success)
      throw new AppError(
        problem.data.code,
        problem.data.detail,
        problem.data.errors,
        problem.data.status,
        problem.data.retryAfter,
      );
    throw new AppError(
      'GATEWAY_UNAVAILABLE',
      `The execution gateway failed with HTTP ${res.status}`,
    );
  }

  async get<T>(path: string): Promise<T> {
    return (await this.call<T>('GET', path)).body;
  }
}
