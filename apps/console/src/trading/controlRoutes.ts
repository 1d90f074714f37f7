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
  type ClosePositionResult,
  type ControlResult,
  type FlattenResult,
  type Order,
} from '@qd/contracts';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { AuditLog } from '../audit/auditLog';
import { forwardAudited, forwardReads } from './forwardAudited';
import type { GatewayClient } from './gatewayClient';

type Any = z.ZodTypeAny;

/** Trading controls (limits, breaker, pauses, closes, flatten, modify, strategies, TWAP). */
export function registerControlRoutes(
  app: FastifyInstance,
  gateway: GatewayClient,
  audit: AuditLog,
): void {
  const read = forwardReads(app, gateway);
  const forward = forwardAudited(app, gateway, audit);

  read('/risk-limits', 'orders:read');
  forward({
    method: 'PUT',
    path: '/risk-limits',
    permission: 'limits:write',
    action: 'limits.update',
    body: UpdateRiskLimitsRequest,
    target: () => 'risk-limits',
    reason: (i) => i.body.reason,
    detail: (i) => ({ limits: i.body.limits }),
  });

  read('/breaker', 'killswitch:read');
  forward({
    method: 'POST',
    path: '/breaker/trip',
    permission: 'breaker:trip',
    action: 'breaker.trip',
    body: TripBreakerRequest,
    target: () => 'breaker',
    reason: (i) => i.body.reason,
  });
  forward({
    method: 'POST',
    path: '/breaker/reset',
    permission: 'breaker:reset',
    action: 'breaker.reset',
    stepUp: true,
    body: ResetBreakerRequest,
    target: () => 'breaker',
    reason: (i) => i.body.reason,
  });
  forward({
    method: 'PUT',
    path: '/breaker/thresholds',
    permission: 'limits:write',
    action: 'breaker.thresholds',
    body: UpdateBreakerThresholdsRequest,
    target: () => 'breaker',
    reason: (i) => i.body.reason,
    detail: (i) => ({ thresholds: i.body.thresholds }),
  });

  read('/controls', 'orders:read');
  forward({
    method: 'POST',
    path: '/controls/pause',
    permission: 'trading:control',
    action: 'entries.pause',
    body: SetPauseRequest,
    target: (i) => i.body.scope,
    reason: (i) => i.body.reason,
    detail: (i) => ({ paused: i.body.paused }),
  });
  forward<Any, typeof CancelAllRequest, ControlResult>({
    method: 'POST',
    path: '/controls/cancel-all',
    permission: 'orders:write',
    action: 'order.cancel_all',
    body: CancelAllRequest,
    target: (i) => i.body.symbol ?? 'all',
    reason: (i) => i.body.reason,
    detail: (_i, res) => ({ canceled: res.canceled.length }),
  });
  forward<Any, typeof FlattenRequest, FlattenResult>({
    method: 'POST',
    path: '/controls/flatten',
    permission: 'trading:flatten',
    action: 'positions.flatten',
    stepUp: true,
    body: FlattenRequest,
    target: () => 'all',
    reason: (i) => i.body.reason,
    detail: (_i, res) => ({
      orders: res.orders.map((o) => o.id),
      canceled: res.canceled.length,
      refused: res.refused,
      entriesPaused: res.entriesPaused,
    }),
  });
  forward<typeof SymbolParams, typeof ClosePositionRequest, ClosePositionResult>({
    method: 'POST',
    path: '/positions/:symbol/close',
    permission: 'orders:write',
    action: 'position.close',
    params: SymbolParams,
    body: ClosePositionRequest,
    target: (i) => i.params.symbol,
    reason: (i) => i.body.reason,
    detail: (i, res) => ({
      qty: i.body.qty ?? null,
      pct: i.body.pct ?? null,
      closed: res.qty,
      replay: res.replay,
      orders: res.orders.map((o) => ({
        id: o.id,
        qty: o.qty,
        status: o.status,
        strategyId: o.strategyId ?? null,
      })),
    }),
  });

  forward({
    method: 'PATCH',
    path: '/orders/:id',
    permission: 'orders:write',
    action: 'order.modify',
    params: OrderIdParams,
    body: ModifyOrderRequest,
    target: (i) => i.params.id,
    reason: (i) => i.body.reason ?? null,
    detail: (i) => ({ change: i.body }),
  });
  app.get(
    '/api/v1/orders/:id/events',
    { config: { permission: 'orders:read' }, schema: { params: OrderIdParams } },
    (req) => gateway.get(`/v1/orders/${(req.params as z.infer<typeof OrderIdParams>).id}/events`),
  );

  read('/strategies', 'orders:read');
  forward<typeof StrategyIdParams, typeof SetStrategyEnabledRequest, { canceled: Order[] }>({
    method: 'POST',
    path: '/strategies/:id/enabled',
    permission: 'strategies:write',
    action: 'strategy.set_enabled',
    params: StrategyIdParams,
    body: SetStrategyEnabledRequest,
    target: (i) => i.params.id,
    reason: (i) => i.body.reason,
    detail: (i, res) => ({ enabled: i.body.enabled, canceled: res.canceled.length }),
  });

  read('/twap', 'orders:read');
  forward({
    method: 'POST',
    path: '/twap/preview',
    permission: 'orders:write',
    action: 'twap.preview',
    body: TwapRequest,
    target: false,
  });
  forward<Any, typeof TwapRequest, { id: string }>({
    method: 'POST',
    path: '/twap',
    permission: 'orders:write',
    action: 'twap.start',
    body: TwapRequest,
    target: (_i, res) => res.id,
    reason: (i) => i.body.reason,
    detail: (i) => ({ request: i.body }),
    passStatus: true,
  });
  forward<typeof TwapIdParams, Any, { canceled: Order[] }>({
    method: 'POST',
    path: '/twap/:id/cancel',
    permission: 'orders:write',
    action: 'twap.cancel',
    params: TwapIdParams,
    target: (i) => i.params.id,
    detail: (_i, res) => ({ canceled: res.canceled.length }),
  });
}
