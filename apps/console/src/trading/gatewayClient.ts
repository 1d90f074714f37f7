import { GATEWAY_ACTOR_HEADER, GATEWAY_REQUEST_ID_HEADER, Problem } from '@qd/contracts';
import { AppError } from '@qd/platform';

export interface GatewayResponse<T> {
  status: number;
  body: T;
}

/** What the console may send with a gateway call besides method and path. */
export interface GatewayCallOptions {
  /** The signed-in user the gateway acts for. */
  actor?: string;
  body?: unknown;
  requestId?: string;
}

/**
 * The console's way to the gateway: over HTTP to a separate process (`GatewayHttpClient`), or
 * in process to the embedded one (`GatewayInProcessClient`). Either way every call carries the
 * service credential and the acting user, and the gateway's problems come back as `AppError`s.
 */
export interface GatewayClient {
  call<T>(method: string, path: string, opts?: GatewayCallOptions): Promise<GatewayResponse<T>>;
  get<T>(path: string): Promise<T>;
  /** Releases what the client holds (pooled connections); calls after this fail. */
  close(): void;
}

/** The gateway's request headers: service credential, acting user, request id. */
function gatewayHeaders(serviceToken: string, opts: GatewayCallOptions): Record<string, string> {
  const headers: Record<string, string> = { authorization: `Bearer ${serviceToken}` };
  if (opts.actor) headers[GATEWAY_ACTOR_HEADER] = opts.actor;
  if (opts.requestId) headers[GATEWAY_REQUEST_ID_HEADER] = opts.requestId;
  return headers;
}

/** The gateway's answer as the console sees it: the body of a 2xx, otherwise its problem. */
function gatewayAnswer<T>(status: number, text: string): GatewayResponse<T> {
  const json = text ? JSON.parse(text) : null;
  if (status >= 200 && status < 300) return { status, body: json as T };
  const problem = Problem.safeParse(json);
  if (problem.success)
    throw new AppError(
      problem.data.code,
      problem.data.detail,
      problem.data.errors,
      problem.data.status,
      problem.data.retryAfter,
    );
  throw new AppError('GATEWAY_UNAVAILABLE', `The execution gateway failed with HTTP ${status}`);
}

/** The error for a call the gateway never answered. */
function gatewayUnavailable(err: unknown): AppError {
  return new AppError(
    'GATEWAY_UNAVAILABLE',
    `The execution gateway did not answer (${(err as Error).message}); nothing was changed.`,
  );
}

/** A gateway's answer before it is read: HTTP status and body text. */
export interface GatewayReply {
  status: number;
  text: string;
}

/**
 * What both ways to the gateway share: the headers, the JSON body, and reading the answer (a
 * call the gateway never answered is `GATEWAY_UNAVAILABLE`). A transport supplies `send`.
 */
export abstract class GatewayTransport implements GatewayClient {
  constructor(private readonly serviceToken: string) {}

  /** One request; rejects when it was never answered (network error, timeout, closed). */
  protected abstract send(
    method: string,
    path: string,
    headers: Record<string, string>,
    payload: string | undefined,
  ): Promise<GatewayReply>;

  abstract close(): void;

  async call<T>(
    method: string,
    path: string,
    opts: GatewayCallOptions = {},
  ): Promise<GatewayResponse<T>> {
    const headers = gatewayHeaders(this.serviceToken, opts);
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    if (payload !== undefined) headers['content-type'] = 'application/json';
    let reply: GatewayReply;
    try {
      reply = await this.send(method, path, headers, payload);
    } catch (err) {
      throw gatewayUnavailable(err);
    }
    return gatewayAnswer<T>(reply.status, reply.text);
  }

  async get<T>(path: string): Promise<T> {
    return (await this.call<T>('GET', path)).body;
  }
}
