import {
  CancelAllRequest,
  ClosePositionRequest,
  FlattenRequest,
  ModifyOrderRequest,
  OrderIdParams,
  ResetBreakerRequest,
  SetPauseRequest,
  SetStrategyEnabledRequest,
  StrategyIdParams,
  SymbolParams,
  TripBreakerRequest,
  TwapIdParams,
  TwapRequest,
  UpdateBreakerThresholdsRequest,
  UpdateRiskLimitsRequest,
  type ControlResult,
  type Order,
} from '@qd/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AuditLog } from '../audit/auditLog';
import { auditSuccess } from '../http/guard';
import type { GatewayClient } from './gatewayClient';

/** Trading controls (limits, breaker, pauses, closes, flatten, modify, strategies, TWAP). */
export function registerControlRoutes(
  app: FastifyInstance,
  gateway: GatewayClient,
  audit: AuditLog,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const forward = <T>(req: FastifyRequest, method: string, path: string, body?: unknown) =>
    gateway.call<T>(method, path, { actor: req.session!.username, body, requestId: req.id });
  const get = (path: string, permission: 'orders:read' | 'killswitch:read') =>
    r.get(`/api/v1${path}`, { config: { permission } }, () => gateway.get(`/v1${path}`));

  get('/risk-limits', 'orders:read');
  r.put(
    '/api/v1/risk-limits',
    {
      config: { permission: 'limits:write', action: 'limits.update' },
      schema: { body: UpdateRiskLimitsRequest },
    },
    async (req) => {
      const res = await forward(req, 'PUT', '/v1/risk-limits', req.body);
      await auditSuccess(audit, req, 'risk-limits', req.body.reason, { limits: req.body.limits });
      return res.body;
    },
  );

  get('/breaker', 'killswitch:read');
  r.post(
    '/api/v1/breaker/trip',
    {
      config: { permission: 'breaker:trip', action: 'breaker.trip' },
      schema: { body: TripBreakerRequest },
    },
    async (req) => {
      const res = await forward(req, 'POST', '/v1/breaker/trip', req.body);
      await auditSuccess(audit, req, 'breaker', req.body.reason);
      return res.body;
    },
  );
  r.post(
    '/api/v1/breaker/reset',
    {
      config: { permission: 'breaker:reset', action: 'breaker.reset', stepUp: true },
      schema: { body: ResetBreakerRequest },
    },
    async (req) => {
      const res = await forward(req, 'POST', '/v1/breaker/reset', req.body);
      await auditSuccess(audit, req, 'breaker', req.body.reason);
      return res.body;
    },
  );
  r.put(
    '/api/v1/breaker/thresholds',
    {
      config: { permission: 'limits:write', action: 'breaker.thresholds' },
      schema: { body: UpdateBreakerThresholdsRequest },
    },
    async (req) => {
      const res = await forward(req, 'PUT', '/v1/breaker/thresholds', req.body);
      await auditSuccess(audit, req, 'breaker', req.body.reason, {
        thresholds: req.body.thresholds,
      });
      return res.body;
    },
  );

  get('/controls', 'orders:read');
  r.post(
    '/api/v1/controls/pause',
    {
      config: { permission: 'trading:control', action: 'entries.pause' },
      schema: { body: SetPauseRequest },
    },
    async (req) => {
      const res = await forward(req, 'POST', '/v1/controls/pause', req.body);
      await auditSuccess(audit, req, req.body.scope, req.body.reason, {
        paused: req.body.paused,
      });
      return res.body;
    },
  );
  r.post(
    '/api/v1/controls/cancel-all',
    {
      config: { permission: 'orders:write', action: 'order.cancel_all' },
      schema: { body: CancelAllRequest },
    },
    async (req) => {
      const res = await forward<ControlResult>(req, 'POST', '/v1/controls/cancel-all', req.body);
      await auditSuccess(audit, req, req.body.symbol ?? 'all', req.body.reason, {
        canceled: res.body.canceled.length,
      });
      return res.body;
    },
  );
  r.post(
    '/api/v1/controls/flatten',
    {
      config: { permission: 'trading:flatten', action: 'positions.flatten', stepUp: true },
      schema: { body: FlattenRequest },
    },
    async (req) => {
      const res = await forward<ControlResult>(req, 'POST', '/v1/controls/flatten', req.body);
      await auditSuccess(audit, req, 'all', req.body.reason, {
        orders: res.body.orders.map((o) => o.id),
        canceled: res.body.canceled.length,
        refused: res.body.refused,
      });
      return res.body;
    },
  );
  r.post(
    '/api/v1/positions/:symbol/close',
    {
      config: { permission: 'orders:write', action: 'position.close' },
      schema: { params: SymbolParams, body: ClosePositionRequest },
    },
    async (req) => {
      const path = `/v1/positions/${req.params.symbol}/close`;
      const res = await forward<Order>(req, 'POST', path, req.body);
      await auditSuccess(audit, req, req.params.symbol, req.body.reason, {
        qty: req.body.qty ?? null,
        pct: req.body.pct ?? null,
        orderId: res.body.id,
        status: res.body.status,
      });
      return res.body;
    },
  );

  r.patch(
    '/api/v1/orders/:id',
    {
      config: { permission: 'orders:write', action: 'order.modify' },
      schema: { params: OrderIdParams, body: ModifyOrderRequest },
    },
    async (req) => {
      const res = await forward<Order>(req, 'PATCH', `/v1/orders/${req.params.id}`, req.body);
      await auditSuccess(audit, req, req.params.id, req.body.reason ?? null, { change: req.body });
      return res.body;
    },
  );
  r.get(
    '/api/v1/orders/:id/events',
    { config: { permission: 'orders:read' }, schema: { params: OrderIdParams } },
    (req) => gateway.get(`/v1/orders/${req.params.id}/events`),
  );

  get('/strategies', 'orders:read');
  r.post(
    '/api/v1/strategies/:id/enabled',
    {
      config: { permission: 'strategies:write', action: 'strategy.set_enabled' },
      schema: { params: StrategyIdParams, body: SetStrategyEnabledRequest },
    },
    async (req) => {
      const path = `/v1/strategies/${req.params.id}/enabled`;
      const res = await forward<{ canceled: Order[] }>(req, 'POST', path, req.body);
      await auditSuccess(audit, req, req.params.id, req.body.reason, {
        enabled: req.body.enabled,
        canceled: res.body.canceled.length,
      });
      return res.body;
    },
  );

  get('/twap', 'orders:read');
  r.post(
    '/api/v1/twap/preview',
    {
      config: { permission: 'orders:write', action: 'twap.preview' },
      schema: { body: TwapRequest },
    },
    async (req) => (await forward(req, 'POST', '/v1/twap/preview', req.body)).body,
  );
  r.post(
    '/api/v1/twap',
    { config: { permission: 'orders:write', action: 'twap.start' }, schema: { body: TwapRequest } },
    async (req, reply) => {
      const res = await forward<{ id: string }>(req, 'POST', '/v1/twap', req.body);
      await auditSuccess(audit, req, res.body.id, req.body.reason, { request: req.body });
      return reply.status(res.status).send(res.body);
    },
  );
  r.post(
    '/api/v1/twap/:id/cancel',
    {
      config: { permission: 'orders:write', action: 'twap.cancel' },
      schema: { params: TwapIdParams },
    },
    async (req) => {
      const path = `/v1/twap/${req.params.id}/cancel`;
      const res = await forward<{ canceled: Order[] }>(req, 'POST', path);
      await auditSuccess(audit, req, req.params.id, null, { canceled: res.body.canceled.length });
      return res.body;
    },
  );
}
