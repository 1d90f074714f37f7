import {
  CancelAllRequest,
  DisengageKillSwitchRequest,
  EngageKillSwitchRequest,
  OrderIdParams,
  OrderRequest,
  OrdersQuery,
  type Order,
} from '@qd/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AuditLog } from '../audit/auditLog';
import { clientOrderId } from './clientOrderId';
import { forwardAudited, forwardReads } from './forwardAudited';
import type { GatewayClient } from './gatewayClient';

/** Portfolio, orders and kill-switch routes: checked here, executed by the gateway. */
export function registerTradingRoutes(
  app: FastifyInstance,
  gateway: GatewayClient,
  audit: AuditLog,
  now: () => Date,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = forwardReads(app, gateway);
  const forward = forwardAudited(app, gateway, audit);

  read('/account', 'portfolio:read');
  read('/positions', 'portfolio:read');
  read('/instruments', 'market:read');
  read('/quotes', 'market:read');
  r.get(
    '/api/v1/orders',
    { config: { permission: 'orders:read' }, schema: { querystring: OrdersQuery } },
    (req) => gateway.get(`/v1/orders?status=${req.query.status}&limit=${req.query.limit}`),
  );
  read('/fills', 'orders:read');
  read('/kill-switch', 'killswitch:read');

  forward({
    method: 'POST',
    path: '/orders/preview',
    permission: 'orders:write',
    action: 'order.preview',
    body: OrderRequest,
    target: false,
  });
  forward<z.ZodTypeAny, typeof OrderRequest, Order>({
    method: 'POST',
    path: '/orders',
    permission: 'orders:write',
    action: 'order.place',
    body: OrderRequest,
    // The id is derived from content, actor and time bucket: a double click or retry replays.
    gatewayBody: (i) => ({ order: i.body, clientOrderId: clientOrderId(i.body, i.actor, now()) }),
    target: (_i, order) => order.id,
    reason: (i) => i.body.reason ?? null,
    passStatus: true,
    headers: (res): Record<string, string> =>
      res.status === 200 ? { 'idempotent-replay': 'true' } : {},
    detail: (i, order, status) => ({ order: i.body, status: order.status, replay: status === 200 }),
  });
  forward({
    method: 'DELETE',
    path: '/orders/:id',
    permission: 'orders:write',
    action: 'order.cancel',
    params: OrderIdParams,
    target: (i) => i.params.id,
  });
  // The older cancel-all address: the same control as /controls/cancel-all, reason required.
  forward<z.ZodTypeAny, typeof CancelAllRequest, { canceled: Order[] }>({
    method: 'POST',
    path: '/orders/cancel-all',
    permission: 'orders:write',
    action: 'order.cancel_all',
    body: CancelAllRequest,
    gatewayPath: () => '/v1/controls/cancel-all',
    target: (i) => i.body.symbol ?? 'all',
    reason: (i) => i.body.reason,
    detail: (_i, res) => ({ canceled: res.canceled.length }),
  });
  forward({
    method: 'POST',
    path: '/kill-switch/engage',
    permission: 'killswitch:engage',
    action: 'killswitch.engage',
    body: EngageKillSwitchRequest,
    target: () => 'kill-switch',
    reason: (i) => i.body.reason,
  });
  forward({
    method: 'POST',
    path: '/kill-switch/disengage',
    permission: 'killswitch:disengage',
    action: 'killswitch.disengage',
    stepUp: true,
    body: DisengageKillSwitchRequest,
    target: () => 'kill-switch',
    reason: (i) => i.body.reason,
  });
}
