import http from 'node:http';
import https from 'node:https';
import { GatewayTransport, type GatewayReply } from './gatewayClient';

type RetryableError = Error & { retryable?: boolean };

/**
 * Calls a separate gateway process (QD_GATEWAY_URL) over HTTP.
 * Plain `node:http` over kept-alive connections rather than `fetch`: every API read and order goes
 * through here, and fetch's web streams, abort signal and timer cost several times the CPU of a
 * request on the same pooled socket (the largest share of an API read in a CPU profile).
 */
export class GatewayHttpClient extends GatewayTransport {
  private readonly url: URL;
  private readonly agent: http.Agent;

  constructor(
    baseUrl: string,
    serviceToken: string,
    private readonly timeoutMs = 5_000,
  ) {
    super(serviceToken);
    this.url = new URL(baseUrl);
    const Agent = this.url.protocol === 'https:' ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: 64, scheduling: 'lifo' });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  protected send(
    method: string,
    path: string,
    headers: Record<string, string>,
    payload: string | undefined,
  ): Promise<GatewayReply> {
    if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
    return this.request(method, path, headers, payload).catch((err: RetryableError) =>
      // A kept-alive socket the gateway closed while idle fails before the request is read:
      // sent again once on a fresh socket (Node's documented pattern; orders are idempotent).
      err.retryable ? this.request(method, path, headers, payload) : Promise.reject(err),
    );
  }

  /** One request: status and body text, or a rejection on a network error or the timeout. */
  private request(
    method: string,
    path: string,
    headers: Record<string, string>,
    payload: string | undefined,
  ): Promise<GatewayReply> {
    const request = this.url.protocol === 'https:' ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const req = request(
        {
          protocol: this.url.protocol,
          hostname: this.url.hostname,
          port: this.url.port,
          path: `${this.url.pathname.replace(/\/$/, '')}${path}`,
          method,
          headers,
          agent: this.agent,
          timeout: this.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      // `timeout` fires on socket inactivity; the request is abandoned like fetch's abort.
      req.on('timeout', () => req.destroy(new Error(`timed out after ${this.timeoutMs} ms`)));
      req.on('error', (err: RetryableError) => {
        err.retryable = req.reusedSocket && (err as NodeJS.ErrnoException).code === 'ECONNRESET';
        reject(err);
      });
      req.end(payload);
    });
  }
}
