import {
  DisengageKillSwitchRequest,
  EngageKillSwitchRequest,
  OrderIdParams,
  OrderRequest,
  OrdersQuery,
  Symbol,
  type Order,
} from '@qd/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditLog } from '../audit/auditLog';
import { auditSuccess } from '../http/guard';
import { clientOrderId } from './clientOrderId';
import type { GatewayClient } from './gatewayClient';

const CancelAll = z.object({ symbol: Symbol.optional() }).strict();

/** Portfolio, orders and kill-switch routes: checked here, executed by the gateway. */
export function registerTradingRoutes(
  app: FastifyInstance,
  gateway: GatewayClient,
  audit: AuditLog,
  now: () => Date,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const actor = (req: { session: { username: string } | null }) => req.session!.username;
  /** Calls the gateway as the signed-in user, carrying the request id for tracing. */
  const forward = <T>(req: FastifyRequest, method: string, path: string, body?: unknown) =>
    gateway.call<T>(method, path, { actor: actor(req), body, requestId: req.id });

  r.get('/api/v1/account', { config: { permission: 'portfolio:read' } }, () =>
    gateway.get('/v1/account'),
  );
  r.get('/api/v1/positions', { config: { permission: 'portfolio:read' } }, () =>
    gateway.get('/v1/positions'),
  );
  r.get('/api/v1/instruments', { config: { permission: 'market:read' } }, () =>
    gateway.get('/v1/instruments'),
  );
  r.get('/api/v1/quotes', { config: { permission: 'market:read' } }, () =>
    gateway.get('/v1/quotes'),
  );
  r.get(
    '/api/v1/orders',
    { config: { permission: 'orders:read' }, schema: { querystring: OrdersQuery } },
    (req) => gateway.get(`/v1/orders?status=${req.query.status}&limit=${req.query.limit}`),
  );
  r.get('/api/v1/fills', { config: { permission: 'orders:read' } }, () => gateway.get('/v1/fills'));
  r.get('/api/v1/kill-switch', { config: { permission: 'killswitch:read' } }, () =>
    gateway.get('/v1/kill-switch'),
  );

  r.post(
    '/api/v1/orders/preview',
    {
      config: { permission: 'orders:write', action: 'order.preview' },
      schema: { body: OrderRequest },
    },
    async (req) => (await forward(req, 'POST', '/v1/orders/preview', req.body)).body,
  );

  r.post(
    '/api/v1/orders',
    {
      config: { permission: 'orders:write', action: 'order.place' },
      schema: { body: OrderRequest },
    },
    async (req, reply) => {
      const id = clientOrderId(req.body, actor(req), now());
      const res = await forward<Order>(req, 'POST', '/v1/orders', {
        order: req.body,
        clientOrderId: id,
      });
      await auditSuccess(audit, req, res.body.id, req.body.reason ?? null, {
        order: req.body,
        status: res.body.status,
        replay: res.status === 200,
      });
      if (res.status === 200) void reply.header('idempotent-replay', 'true');
      return reply.status(res.status).send(res.body);
    },
  );

  r.delete(
    '/api/v1/orders/:id',
    {
      config: { permission: 'orders:write', action: 'order.cancel' },
      schema: { params: OrderIdParams },
    },
    async (req) => {
      const res = await forward<Order>(req, 'DELETE', `/v1/orders/${req.params.id}`);
      await auditSuccess(audit, req, req.params.id, null);
      return res.body;
    },
  );

  r.post(
    '/api/v1/orders/cancel-all',
    {
      config: { permission: 'orders:write', action: 'order.cancel_all' },
      schema: { body: CancelAll },
    },
    async (req) => {
      const res = await forward<{ canceled: Order[] }>(
        req,
        'POST',
        '/v1/orders/cancel-all',
        req.body,
      );
      await auditSuccess(audit, req, req.body.symbol ?? 'all', null, {
        canceled: res.body.canceled.length,
      });
      return res.body;
    },
  );

  r.post(
    '/api/v1/kill-switch/engage',
    {
      config: { permission: 'killswitch:engage', action: 'killswitch.engage' },
      schema: { body: EngageKillSwitchRequest },
    },
    async (req) => {
      const res = await forward(req, 'POST', '/v1/kill-switch/engage', req.body);
      await auditSuccess(audit, req, 'kill-switch', req.body.reason);
      return res.body;
    },
  );

  r.post(
    '/api/v1/kill-switch/disengage',
    {
      config: { permission: 'killswitch:disengage', action: 'killswitch.disengage', stepUp: true },
      schema: { body: DisengageKillSwitchRequest },
    },
    async (req) => {
      const res = await forward(req, 'POST', '/v1/kill-switch/disengage', req.body);
      await auditSuccess(audit, req, 'kill-switch', req.body.reason);
      return res.body;
    },
  );
}
