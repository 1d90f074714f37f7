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
} from '@qd/contracts';
import { dec } from '@qd/domain';
import { AppError, parseOr400 } from '@qd/platform';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Engine } from '../engine';
import { modifyOrder } from '../modifyOrder';
import { orderTrail } from '../orderEvents';
import type { Publisher } from '../publisher';
import type { StrategyRunner } from '../strategies/runner';
import type { TwapRunner } from '../twap/twapRunner';
import { cancelAllOrders, closePosition, flattenAll } from './actions';
import type { Controls } from './controls';
import { writeSetting } from './settings';

export interface ControlDeps {
  engine: Engine;
  controls: Controls;
  strategies: StrategyRunner;
  twap: TwapRunner;
  publisher: Publisher;
  actor: (req: Pick<FastifyRequest, 'headers'>) => string;
}

/** The gateway's control API: limits, breaker, pauses, closes, flatten, modify, strategies, TWAP. */
export function registerControlRoutes(app: FastifyInstance, d: ControlDeps): void {
  const { engine, controls } = d;
  const publishBreaker = async () => {
    const s = await controls.breaker.status();
    controls.lastBreaker = s.state.tripped ? 'tripped' : 'ok';
    await d.publisher.publish('breaker', s);
    await d.publisher.publish('strategies', d.strategies.list());
    return s;
  };

  app.get('/v1/risk-limits', async () => controls.limits);
  app.put('/v1/risk-limits', async (req) => {
    const who = d.actor(req);
    const { limits } = parseOr400(UpdateRiskLimitsRequest, req.body);
    for (const s of Object.keys(limits.symbols))
      if (!engine.instruments.has(s))
        throw new AppError('UNKNOWN_SYMBOL', `Unknown symbol ${s} in the overrides`, [
          { path: `limits.symbols.${s}`, message: 'not in the tradable universe' },
        ]);
    for (const s of Object.keys(limits.strategies))
      if (!d.strategies.has(s))
        throw new AppError('VALIDATION_FAILED', `Unknown strategy ${s}`, [
          { path: `limits.strategies.${s}`, message: 'no such strategy' },
        ]);
    return controls.setLimits(limits, who);
  });

  app.get('/v1/breaker', async () => controls.breaker.status());
  app.post('/v1/breaker/trip', async (req) => {
    const who = d.actor(req);
    const { reason } = parseOr400(TripBreakerRequest, req.body);
    await engine.serial.run(() => controls.breaker.trip(reason, who));
    return publishBreaker();
  });
  app.post('/v1/breaker/reset', async (req) => {
    const who = d.actor(req);
    const { reason } = parseOr400(ResetBreakerRequest, req.body);
    await engine.serial.run(() => controls.breaker.reset(reason, who));
    return publishBreaker();
  });
  app.put('/v1/breaker/thresholds', async (req) => {
    const who = d.actor(req);
    const { thresholds } = parseOr400(UpdateBreakerThresholdsRequest, req.body);
    await writeSetting(engine.db, 'breaker_thresholds', thresholds, who, engine.now());
    controls.breaker.thresholds = thresholds;
    return publishBreaker();
  });
  /** Runs the automatic rules now (they also run on every tick and fill). */
  app.post('/v1/breaker/evaluate', async () => {
    await engine.serial.run(() => controls.evaluateBreaker());
    return controls.breaker.status();
  });

  app.get('/v1/controls', async () => controls.status());
  app.post('/v1/controls/pause', async (req) => {
    const who = d.actor(req);
    const b = parseOr400(SetPauseRequest, req.body);
    if (b.scope !== 'all' && !d.strategies.has(b.scope))
      throw new AppError('NOT_FOUND', `No strategy ${b.scope}`);
    const status = await controls.setPause(b.scope, b.paused, b.reason, who);
    await d.publisher.publish('strategies', d.strategies.list());
    return status;
  });
  app.post('/v1/positions/:symbol/close', async (req) => {
    const who = d.actor(req);
    const { symbol } = parseOr400(SymbolParams, req.params, 'path');
    const b = parseOr400(ClosePositionRequest, req.body);
    const amount = b.qty
      ? { kind: 'qty' as const, qty: dec(b.qty) }
      : b.pct
        ? { kind: 'pct' as const, pct: dec(b.pct) }
        : { kind: 'all' as const };
    return closePosition(engine, controls, symbol, amount, b.reason, who);
  });
  app.post('/v1/controls/cancel-all', async (req) => {
    const who = d.actor(req);
    const b = parseOr400(CancelAllRequest, req.body);
    return cancelAllOrders(engine, controls, b.symbol, b.reason, who);
  });
  app.post('/v1/controls/flatten', async (req) => {
    const who = d.actor(req);
    const b = parseOr400(FlattenRequest, req.body);
    const out = await flattenAll(engine, controls, b.reason, who);
    await d.publisher.publish('strategies', d.strategies.list());
    return out;
  });

  app.patch('/v1/orders/:id', async (req) => {
    const who = d.actor(req);
    const { id } = parseOr400(OrderIdParams, req.params, 'path');
    return modifyOrder(engine, id, parseOr400(ModifyOrderRequest, req.body), who);
  });
  app.get('/v1/orders/:id/events', async (req) => {
    const { id } = parseOr400(OrderIdParams, req.params, 'path');
    return orderTrail(engine.db, id);
  });

  app.get('/v1/strategies', async () => d.strategies.list());
  app.post('/v1/strategies/:id/enabled', async (req) => {
    const who = d.actor(req);
    const { id } = parseOr400(StrategyIdParams, req.params, 'path');
    const b = parseOr400(SetStrategyEnabledRequest, req.body);
    if (!d.strategies.has(id)) throw new AppError('NOT_FOUND', `No strategy ${id}`);
    if (b.confirm !== id)
      throw new AppError('VALIDATION_FAILED', `Type the strategy id ${id} to confirm`, [
        { path: 'confirm', message: `type ${id} to confirm` },
      ]);
    const out = await d.strategies.setEnabled(id, b.enabled, who, b.cancelOpenOrders);
    await d.publisher.publish('strategies', d.strategies.list());
    return out;
  });

  app.get('/v1/twap', async () => d.twap.list());
  app.post('/v1/twap/preview', async (req) => d.twap.preview(parseOr400(TwapRequest, req.body)));
  app.post('/v1/twap', async (req, reply) => {
    const who = d.actor(req);
    const twap = await d.twap.start(parseOr400(TwapRequest, req.body), who);
    await d.publisher.publish('twap', await d.twap.list());
    return reply.status(201).send(twap);
  });
  app.post('/v1/twap/:id/cancel', async (req) => {
    const who = d.actor(req);
    const { id } = parseOr400(TwapIdParams, req.params, 'path');
    return d.twap.cancel(id, who);
  });
}
