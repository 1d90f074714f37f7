import { createHash, timingSafeEqual } from 'node:crypto';
import {
  installProblemHandler,
  quietRequestLogs,
  AppError,
  type Bus,
  type Config,
  type Database,
  type Logger,
} from '@qd/platform';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { Engine, type EngineDeps } from './engine';
import { Publisher } from './publisher';
import { actor, registerRoutes } from './routes';
import { Controls } from './controls/controls';
import { registerControlRoutes } from './controls/routes';
import { StrategyRunner } from './strategies/runner';
import { TwapRunner } from './twap/twapRunner';
import { Alerts, AlertWatch } from './alerts';
import { registerHealthRoute, quoteAgeMs } from './health';
import { PnlSeries } from './pnl/pnlSeries';

export interface GatewayDeps {
  config: Config;
  db: Database;
  bus: Bus;
  logger: Logger;
  serviceToken: string;
  now?: () => Date;
  readKillSwitch?: EngineDeps['readKillSwitch'];
}

export interface Gateway {
  app: FastifyInstance;
  engine: Engine;
  controls: Controls;
  strategies: StrategyRunner;
  twap: TwapRunner;
  alerts: Alerts;
  pnl: PnlSeries;
  /** Seeds, loads state and starts the market loop. */
  start(): Promise<void>;
  close(): Promise<void>;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Builds the execution gateway (not listening; main.ts or the embedded launcher listens). */
export async function buildGateway(deps: GatewayDeps): Promise<Gateway> {
  const now = deps.now ?? (() => new Date());
  const app = Fastify({
    loggerInstance: deps.logger.child({ service: 'gateway' }),
    logController: quietRequestLogs(),
  }) as unknown as FastifyInstance;
  const publisher = new Publisher(deps.bus);
  const engine = new Engine({
    config: deps.config,
    db: deps.db,
    publisher,
    logger: deps.logger,
    now,
    readKillSwitch: deps.readKillSwitch,
  });
  installProblemHandler(app);
  const expected = digest(`Bearer ${deps.serviceToken}`);
  app.addHook('onRequest', async (req) => {
    if (req.url === '/healthz' || req.url === '/readyz') return;
    const got = digest(req.headers.authorization ?? '');
    if (!timingSafeEqual(got, expected))
      throw new AppError('UNAUTHENTICATED', 'A valid service credential is required');
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    try {
      await deps.db.execute(sql`select 1`);
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'db unavailable' });
    }
  });
  const log = deps.logger.child({ service: 'gateway' });
  const controls = new Controls(engine, deps.db, publisher, log);
  const strategies = new StrategyRunner(engine, controls, deps.db, log);
  const twap = new TwapRunner(engine, controls, deps.db, publisher, log);
  const alerts = new Alerts(deps.db, publisher, now, log);
  const alertWatch = new AlertWatch(alerts);
  const pnl = new PnlSeries(publisher);
  registerRoutes(
    app,
    engine,
    deps.db,
    publisher,
    (family, topic) => {
      if (family === 'breaker') return controls.breaker.status();
      if (family === 'controls') return controls.status();
      if (family === 'strategies') return Promise.resolve(strategies.list());
      if (family === 'twap') return twap.list();
      if (family === 'pnl') return Promise.resolve(pnl.points());
      if (family === 'alerts') return alerts.recent();
      if (family === 'jobs') return twap.job(topic.slice('jobs:'.length));
      return undefined;
    },
    alerts,
  );
  registerHealthRoute(app, deps.db, () => engine.quotes(), now);
  registerControlRoutes(app, { engine, controls, strategies, twap, publisher, actor });

  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let lastMarks = 0;
  let lastStrategies = 0;
  const tickMs = deps.config.QD_MARKET_TICK_MS;
  const loop = async () => {
    if (stopped) return;
    try {
      await engine.tick(tickMs);
      engine.onBrokerResult(true);
    } catch (err) {
      engine.onBrokerResult(false);
      deps.logger.error({ err }, 'market tick failed');
    }
    try {
      // Kill switch and breaker re-read here, ahead of their expiry: an order reads neither.
      // The margin covers one loop turn (a tick and this round), so they are still read about
      // once a second rather than on every turn.
      const margin = tickMs + 100;
      await engine.killSwitch.refreshAhead(margin);
      await controls.breaker.refreshAhead(margin);
      await engine.serial.run(() => controls.evaluateBreaker());
      // Strategies decide and TWAP slices go out at most once a second.
      if (Date.now() - lastStrategies >= 1000) {
        lastStrategies = Date.now();
        await strategies.step();
        await twap.step();
      }
      // Mark-to-market pushes at most 4 per second, however fast the market ticks.
      if (Date.now() - lastMarks >= 250) {
        lastMarks = Date.now();
        await engine.publishMarks();
        await publisher.publish('strategies', strategies.list());
        // In the engine's queue, like the snapshot read, so a point's seq matches the series.
        await engine.serial.run(() =>
          pnl.sample(engine.accountSnapshot(), engine.account.tradingDay, now().getTime()),
        );
        await alertWatch.marketData(
          quoteAgeMs(engine.quotes(), now().getTime()),
          controls.breaker.thresholds.maxQuoteAgeMs,
        );
      }
    } catch (err) {
      deps.logger.error({ err }, 'controls round failed');
    }
    if (!stopped) timer = setTimeout(loop, tickMs);
  };

  return {
    app,
    engine,
    controls,
    strategies,
    twap,
    alerts,
    pnl,
    async start() {
      await engine.load();
      await controls.load();
      controls.breaker.onRecord = (action, rule, reason, who) =>
        alerts.raise(
          action === 'trip'
            ? {
                kind: 'breaker_tripped',
                severity: 'critical',
                message: `Circuit breaker tripped (${rule ?? 'manual'}): ${reason}`,
                actor: who,
                detail: { rule, reason },
              }
            : {
                kind: 'breaker_reset',
                severity: 'warning',
                message: `Circuit breaker reset by ${who}: ${reason}`,
                actor: who,
                detail: { reason },
              },
        );
      const recordBroker = engine.onBrokerResult;
      engine.onBrokerResult = (ok) => {
        recordBroker(ok);
        if (!ok) alertWatch.brokerError('an order or market operation failed');
      };
      await strategies.load(deps.config.QD_DEMO_STRATEGIES);
      timer = setTimeout(loop, tickMs);
    },
    async close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await engine.serial.run(async () => undefined);
      await app.close();
    },
  };
}
