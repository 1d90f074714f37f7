import type { Permission } from '@qd/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AuditLog } from '../audit/auditLog';
import { auditSuccess } from '../http/guard';
import type { GatewayClient, GatewayResponse } from './gatewayClient';

type Schema = z.ZodTypeAny;

/** What a forwarded route knows about its request once the guard and zod have passed it. */
export interface ForwardInput<P extends Schema, B extends Schema> {
  params: z.infer<P>;
  body: z.infer<B>;
  /** The signed-in user the gateway acts for. */
  actor: string;
}

/** One console route that checks, forwards to the gateway as the user, and audits the outcome. */
export interface ForwardAuditedRoute<P extends Schema, B extends Schema, R> {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Console path under /api/v1, e.g. `/orders/:id`; the gateway path is the same under /v1. */
  path: string;
  permission: Permission;
  /** Audit action name. */
  action: string;
  stepUp?: boolean;
  params?: P;
  body?: B;
  /** The gateway path when it differs from the console path with its params filled in. */
  gatewayPath?: (i: ForwardInput<P, B>) => string;
  /** The gateway body when it is not the validated request body. */
  gatewayBody?: (i: ForwardInput<P, B>) => unknown;
  /**
   * Audit target of a success; `false` marks a preview, which changes nothing, so only its
   * failures are audited (by the guard).
   */
  target: ((i: ForwardInput<P, B>, res: R) => string | null) | false;
  reason?: (i: ForwardInput<P, B>) => string | null;
  /** Audit detail; `status` is the gateway's HTTP status (200 marks an idempotent replay). */
  detail?: (i: ForwardInput<P, B>, res: R, status: number) => Record<string, unknown> | null;
  /** Answer with the gateway's status (201 created, 200 replay) instead of 200. */
  passStatus?: boolean;
  /** Extra response headers from the gateway's answer. */
  headers?: (res: GatewayResponse<R>) => Record<string, string>;
}

/** Fills `:name` segments of a path from validated params (already constrained by their schema). */
function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => String(params?.[name] ?? ''));
}

/**
 * Registers the forward-to-gateway routes of the console: one shape for every trading action, so
 * permission, step-up, validation, forwarding and the success audit cannot drift apart.
 */
export function forwardAudited(app: FastifyInstance, gateway: GatewayClient, audit: AuditLog) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  return <P extends Schema, B extends Schema, R = unknown>(
    spec: ForwardAuditedRoute<P, B, R>,
  ): void => {
    const schema = {
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.body ? { body: spec.body } : {}),
    };
    r.route({
      method: spec.method,
      url: `/api/v1${spec.path}`,
      config: {
        permission: spec.permission,
        action: spec.action,
        ...(spec.stepUp ? { stepUp: true } : {}),
      },
      schema,
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        const input: ForwardInput<P, B> = {
          params: req.params as z.infer<P>,
          body: req.body as z.infer<B>,
          actor: req.session!.username,
        };
        const path = spec.gatewayPath
          ? spec.gatewayPath(input)
          : `/v1${fillPath(spec.path, req.params as Record<string, unknown>)}`;
        const body = spec.gatewayBody ? spec.gatewayBody(input) : spec.body ? req.body : undefined;
        const res = await gateway.call<R>(spec.method, path, {
          actor: input.actor,
          body,
          requestId: req.id,
        });
        if (spec.target !== false) {
          // The change the gateway published (a fill) is already on the sockets: the hub flushes
          // fills and orders at once, and every PGlite statement starts on a fresh turn
          // (platform's turnTaking), so the audit write holds up neither; the answer waits for it.
          await auditSuccess(
            audit,
            req,
            spec.target(input, res.body),
            spec.reason?.(input) ?? null,
            spec.detail?.(input, res.body, res.status) ?? null,
          );
        }
        for (const [name, value] of Object.entries(spec.headers?.(res) ?? {}))
          void reply.header(name, value);
        if (spec.passStatus) void reply.status(res.status);
        return reply.send(res.body);
      },
    });
  };
}

/** Registers read-only GET passthroughs (same path under /v1 at the gateway). */
export function forwardReads(app: FastifyInstance, gateway: GatewayClient) {
  return (path: string, permission: Permission): void => {
    app.get(`/api/v1${path}`, { config: { permission } }, () => gateway.get(`/v1${path}`));
  };
}
