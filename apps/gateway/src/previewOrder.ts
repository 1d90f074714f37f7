import type { OrderPreview, OrderRequest } from '@qd/contracts';
import { buyingPowerImpact, dec, grossAfter, isExit, preTradeChecks, str } from '@qd/domain';
import { AppError } from '@qd/platform';
import type { Engine } from './engine';

/** Prices an order and runs every pre-trade check against the configured limits; changes nothing. */
export async function previewOrder(
  engine: Engine,
  order: OrderRequest,
  strategyId: string | null,
): Promise<OrderPreview> {
  const instrument = engine.instruments.get(order.symbol);
  if (!instrument)
    throw new AppError(
      'UNKNOWN_SYMBOL',
      `Unknown symbol ${order.symbol}: not in the tradable universe`,
      [{ path: 'symbol', message: 'not in the tradable universe' }],
    );
  const q = engine.quote(order.symbol);
  const touch = dec(order.side === 'buy' ? q.ask : q.bid);
  const price = order.limitPrice
    ? dec(order.limitPrice)
    : order.stopPrice
      ? dec(order.stopPrice)
      : touch;
  const qty = dec(order.qty);
  const signed = order.side === 'buy' ? qty : qty.neg();
  const posQty = engine.positions.get(order.symbol)?.qty ?? dec(0);
  const account = engine.accountSnapshot();
  const bp = dec(account.buyingPower);
  const needed = buyingPowerImpact(posQty, signed, price);
  const ageMs = engine.now().getTime() - new Date(q.ts).getTime();
  const risk = engine.risk;
  const limits = risk.limitsFor(order.symbol, strategyId);
  const gross = dec(account.longMarketValue).minus(account.shortMarketValue);
  const exit = isExit(posQty, signed);
  let strategy = null;
  if (strategyId) {
    const s = risk.strategyExposure(strategyId, order.symbol);
    strategy = {
      id: strategyId,
      positionQtyAfter: s.qty.plus(signed),
      maxPositionQty: limits.strategyMaxPositionQty,
      grossAfter: grossAfter(s.gross, s.qty, signed, dec(q.last)),
      maxGrossExposure: limits.strategyMaxGrossExposure,
    };
  }
  const checks = preTradeChecks({
    killSwitch: await engine.killSwitchView(),
    breaker: await risk.breakerView(),
    entriesPaused: risk.pauseFor(strategyId),
    exit,
    tradable: instrument.tradable,
    qty,
    estimatedPrice: price,
    adv: instrument.adv,
    quoteAgeMs: ageMs,
    buyingPower: bp,
    buyingPowerNeeded: needed,
    limits,
    sources: limits.source,
    position: {
      grossAfter: grossAfter(gross, posQty, signed, dec(q.last)),
      maxGrossExposure: limits.maxGrossExposure,
      strategy,
    },
  });
  return {
    order,
    estimatedPrice: str(price),
    notional: qty.mul(price).toFixed(2),
    buyingPowerBefore: bp.toFixed(2),
    buyingPowerAfter: bp.minus(needed).toFixed(2),
    positionQty: str(posQty),
    checks,
    ok: checks.every((c) => c.ok),
  };
}
