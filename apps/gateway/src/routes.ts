import {
  DisengageKillSwitchRequest,
  EngageKillSwitchRequest,
  GATEWAY_ACTOR_HEADER,
  GatewayOrderRequest,
  OrderIdParams,
  OrderRequest,
  OrdersQuery,
  Symbol,
  TopicName,
  topicFamily,
} from '@qd/contracts';
import { AppError, parseOr400, schema, type Database } from '@qd/platform';
import { desc, inArray } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Engine } from './engine';
import { readKillSwitch, recordKillSwitch } from './killSwitch';
import { fillFromRow, orderFromRow } from './mappers';
import type { Publisher } from './publisher';
import type { Alerts } from './alerts';

/** Minimum time between two kill-switch resumes. */
export const RESUME_INTERVAL_MS = 60_000;
const Limit = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });
const CancelAll = z.object({ symbol: Symbol.optional() }).strict();

/** The acting user named by the console (required on every change). */
export function actor(req: Pick<FastifyRequest, 'headers'>): string {
  const a = req.headers[GATEWAY_ACTOR_HEADER];
  if (typeof a !== 'string' || !a)
    throw new AppError('VALIDATION_FAILED', `Header ${GATEWAY_ACTOR_HEADER} is required`);
  return a;
}

/** The gateway's HTTP API (service-to-service; the console is the only caller). */
export function registerRoutes(
  app: FastifyInstance,
  engine: Engine,
  db: Database,
  publisher: Publisher,
  extraSnapshot: (family: string, topic: string) => Promise<unknown> | undefined = () => undefined,
  alerts?: Alerts,
): void {
  const recentOrders = async (limit: number, statuses?: string[]) => {
    const q = db.select().from(schema.orders);
    const rows = await (statuses ? q.where(inArray(schema.orders.status, statuses)) : q)
      .orderBy(desc(schema.orders.createdAt))
      .limit(limit);
    return rows.map(orderFromRow);
  };
  const recentFills = async (limit: number) =>
    (await db.select().from(schema.fills).orderBy(desc(schema.fills.ts)).limit(limit)).map(
      fillFromRow,
    );

  const snapshot = async (topic: string) => {
    switch (topicFamily(topic)) {
      case 'account':
        return engine.accountSnapshot();
      case 'positions':
        return engine.positionList();
      case 'orders': {
        const working = await recentOrders(1000, ['new', 'partially_filled']);
        const recent = await recentOrders(100);
        return [...new Map([...working, ...recent].map((o) => [o.id, o])).values()];
      }
      case 'fills':
        return recentFills(100);
      case 'killswitch':
        return readKillSwitch(db);
      case 'prices':
        return engine.quote(topic.slice('prices:'.length));
      default:
        return extraSnapshot(topicFamily(topic), topic);
    }
  };

  app.get('/v1/instruments', async () => [...engine.instruments.values()]);
  app.get('/v1/quotes', async () => engine.quotes());
  app.get('/v1/quotes/:symbol', async (req) =>
    engine.quote(parseOr400(z.object({ symbol: Symbol }), req.params, 'path').symbol),
  );
  app.get('/v1/account', async () => engine.accountSnapshot());
  app.get('/v1/positions', async () => engine.positionList());
  app.get('/v1/orders', async (req) => {
    const q = parseOr400(OrdersQuery, req.query, 'query');
    const statuses =
      q.status === 'all'
        ? undefined
        : q.status === 'working'
          ? ['new', 'partially_filled']
          : [q.status];
    return recentOrders(q.limit, statuses);
  });
  app.get('/v1/fills', async (req) => recentFills(parseOr400(Limit, req.query, 'query').limit));
  app.get('/v1/snapshot/:topic', async (req) => {
    const { topic } = parseOr400(z.object({ topic: TopicName }), req.params, 'path');
    // Read inside the engine's queue so the seq matches the data exactly.
    return engine.serial.run(async () => ({
      topic,
      seq: publisher.seq(topic),
      data: await snapshot(topic),
    }));
  });

  app.post('/v1/orders/preview', async (req) => engine.preview(parseOr400(OrderRequest, req.body)));
  app.post('/v1/orders', async (req, reply) => {
    const who = actor(req);
    const body = parseOr400(GatewayOrderRequest, req.body);
    const { order, created } = await engine.place(body, who);
    return reply.status(created ? 201 : 200).send(order);
  });
  app.delete('/v1/orders/:id', async (req) => {
    actor(req);
    return engine.cancel(parseOr400(OrderIdParams, req.params, 'path').id);
  });
  app.post('/v1/orders/cancel-all', async (req) => {
    actor(req);
    return { canceled: await engine.cancelAll(parseOr400(CancelAll, req.body).symbol) };
  });

  app.get('/v1/kill-switch', async () => readKillSwitch(db));
  app.post('/v1/kill-switch/engage', async (req) => {
    const who = actor(req);
    const { reason } = parseOr400(EngageKillSwitchRequest, req.body);
    return engine.serial.run(async () => {
      if ((await readKillSwitch(db, 1)).state.engaged)
        throw new AppError('KILL_SWITCH_ALREADY_ENGAGED', 'The kill switch is already engaged');
      // Halting also pulls every working order, in the same transaction as the switch itself.
      const ids = [...engine.working.keys()];
      let canceled: Awaited<ReturnType<Engine['cancelRows']>> = [];
      // Forgotten before and after: between the commit and the second invalidate no cached
      // "disengaged" may be served to an order check.
      engine.killSwitch.invalidate();
      try {
        await db.transaction(async (tx) => {
          await recordKillSwitch(tx, 'engage', reason, who, new Date());
          canceled = await engine.cancelRows(ids, tx);
        });
      } finally {
        engine.killSwitch.invalidate();
      }
      const status = await readKillSwitch(db);
      await publisher.publish('killswitch', status);
      if (canceled.length)
        await publisher.publish('orders', { upsert: canceled.map(orderFromRow) });
      await alerts?.raise({
        kind: 'kill_switch_engaged',
        severity: 'critical',
        message: `Kill switch engaged by ${who}: ${reason}`,
        actor: who,
        detail: { reason, canceledOrders: canceled.length },
      });
      return status;
    });
  });
  app.post('/v1/kill-switch/disengage', async (req) => {
    const who = actor(req);
    const { reason } = parseOr400(DisengageKillSwitchRequest, req.body);
    return engine.serial.run(async () => {
      const current = await readKillSwitch(db, 10);
      if (!current.state.engaged)
        throw new AppError('KILL_SWITCH_NOT_ENGAGED', 'The kill switch is not engaged');
      // At most one resume per minute: a flapping switch is worse than a halted one.
      const lastResume = current.history.find((e) => e.action === 'disengage');
      const wait = lastResume ? Date.parse(lastResume.at) + RESUME_INTERVAL_MS - Date.now() : 0;
      if (wait > 0)
        throw AppError.rateLimited(
          `Trading was resumed less than a minute ago; resuming again is allowed in ${Math.ceil(wait / 1000)} s`,
          wait / 1000,
        );
      engine.killSwitch.invalidate();
      try {
        await db.transaction((tx) => recordKillSwitch(tx, 'disengage', reason, who, new Date()));
      } finally {
        engine.killSwitch.invalidate();
      }
      const status = await readKillSwitch(db);
      await publisher.publish('killswitch', status);
      await alerts?.raise({
        kind: 'kill_switch_disengaged',
        severity: 'warning',
        message: `Kill switch disengaged by ${who}: ${reason}`,
        actor: who,
        detail: { reason },
      });
      return status;
    });
  });
}
