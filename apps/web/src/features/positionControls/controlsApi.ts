import type {
  BreakerStatus,
  BreakerThresholds,
  ClosePositionResult,
  ControlResult,
  FlattenResult,
  ControlsStatus,
  Order,
  OrderEvent,
  RiskLimits,
  TimeInForce,
  TwapOrder,
  TwapPreview,
  TwapRequestInput,
} from '@qd/contracts';
import { apiRequest } from '../../api/client';

// Calls for the trading controls. The live topics push the resulting state; these return the
// immediate answer so every action can show its outcome at once.

const post = <T>(path: string, body?: unknown) =>
  apiRequest(path, { method: 'POST', body }) as Promise<T>;

export const closePosition = (
  symbol: string,
  body: { qty?: string; pct?: string; reason: string },
) => post<ClosePositionResult>(`/positions/${encodeURIComponent(symbol)}/close`, body);
export const setPause = (scope: string, paused: boolean, reason: string) =>
  post<ControlsStatus>('/controls/pause', { scope, paused, reason });
export const cancelAll = (reason: string, symbol?: string) =>
  post<ControlResult>('/controls/cancel-all', symbol ? { symbol, reason } : { reason });
export const flattenAll = (reason: string) =>
  post<FlattenResult>('/controls/flatten', { reason, confirm: 'FLATTEN' });

export const tripBreaker = (reason: string) => post<BreakerStatus>('/breaker/trip', { reason });
export const resetBreaker = (reason: string) =>
  post<BreakerStatus>('/breaker/reset', { reason, confirm: 'RESET' });
export const updateThresholds = (thresholds: BreakerThresholds, reason: string) =>
  apiRequest('/breaker/thresholds', {
    method: 'PUT',
    body: { thresholds, reason },
  }) as Promise<BreakerStatus>;
export const fetchRiskLimits = () => apiRequest('/risk-limits') as Promise<RiskLimits>;
export const updateRiskLimits = (limits: RiskLimits, reason: string) =>
  apiRequest('/risk-limits', { method: 'PUT', body: { limits, reason } }) as Promise<RiskLimits>;

export const modifyOrder = (
  id: string,
  change: {
    qty?: string;
    limitPrice?: string;
    stopPrice?: string;
    tif?: TimeInForce;
    reason?: string;
  },
) =>
  apiRequest(`/orders/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: change,
  }) as Promise<Order>;
export const fetchOrderTrail = (id: string) =>
  apiRequest(`/orders/${encodeURIComponent(id)}/events`) as Promise<OrderEvent[]>;

export const setStrategyEnabled = (
  id: string,
  body: { enabled: boolean; reason: string; confirm: string; cancelOpenOrders: boolean },
) => post<{ canceled: Order[] }>(`/strategies/${encodeURIComponent(id)}/enabled`, body);

export const previewTwap = (req: TwapRequestInput) => post<TwapPreview>('/twap/preview', req);
export const startTwap = (req: TwapRequestInput) => post<TwapOrder>('/twap', req);
export const cancelTwap = (id: string) =>
  post<{ twap: TwapOrder; canceled: Order[] }>(`/twap/${encodeURIComponent(id)}/cancel`);
