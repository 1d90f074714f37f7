import type { Fill, Order, Strategy } from '@qd/contracts';
import { AppError, schema, type Database, type SessionRecord } from '@qd/platform';
import { eq, inArray } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Per-strategy access (FEATURES A7). A user limited to some strategies (`users.strategy_scope`,
 * copied into the session at sign-in; changing it ends the sessions) may act on and see only
 * those strategies' orders. Manual orders (no strategy) belong to no scope: a limited user may
 * not place, close, flatten or TWAP, nor cancel everything. Stopping trading (kill switch,
 * breaker trip) stays open to them: a safety action never needs a scope. Admins are never
 * limited. Enforced here, before anything is forwarded to the gateway, from one table keyed by
 * route, so the trading routes carry no scope code of their own.
 */
export type ScopeRule =
  /** Not about strategies (account-wide state, or a safety action). */
  | 'open'
  /** Creates or acts on manual orders, or on everything: refused when limited. */
  | 'manual'
  /** `:id` is an order: it must belong to one of the user's strategies. */
  | 'order'
  /** `:id` is a strategy: it must be one of the user's. */
  | 'strategy'
  /** Body `scope` is `all` or a strategy id: only the user's strategies. */
  | 'pause'
  /** The response lists orders / fills / strategies / TWAP parents: filtered to the scope. */
  | 'filterOrders'
  | 'filterFills'
  | 'filterStrategies'
  | 'filterManual';

/** Every route that reads or acts on orders, and what the scope means for it. */
export const SCOPE_RULES: Readonly<Record<string, ScopeRule>> = {
  'GET /api/v1/orders': 'filterOrders',
  'GET /api/v1/fills': 'filterFills',
  'GET /api/v1/orders/:id/events': 'order',
  'POST /api/v1/orders/preview': 'manual',
  'POST /api/v1/orders': 'manual',
  'DELETE /api/v1/orders/:id': 'order',
  'PATCH /api/v1/orders/:id': 'order',
  'POST /api/v1/orders/cancel-all': 'manual',
  'POST /api/v1/controls/cancel-all': 'manual',
  'POST /api/v1/controls/flatten': 'manual',
  'POST /api/v1/positions/:symbol/close': 'manual',
  'POST /api/v1/controls/pause': 'pause',
  'GET /api/v1/controls': 'open',
  'GET /api/v1/strategies': 'filterStrategies',
  'POST /api/v1/strategies/:id/enabled': 'strategy',
  'GET /api/v1/twap': 'filterManual',
  'POST /api/v1/twap/preview': 'manual',
  'POST /api/v1/twap': 'manual',
  'POST /api/v1/twap/:id/cancel': 'manual',
  'GET /api/v1/risk-limits': 'open',
  'GET /api/v1/breaker': 'open',
  'POST /api/v1/kill-switch/engage': 'open',
  'POST /api/v1/breaker/trip': 'open',
};

/** Permissions whose routes must each have a scope rule (a test enumerates them). */
export const SCOPED_PERMISSIONS = [
  'orders:read',
  'orders:write',
  'trading:control',
  'trading:flatten',
  'strategies:write',
] as const;

/** The strategies a session is limited to; null when unlimited (admins, unscoped users). */
export function scopeOf(s: SessionRecord | null): ReadonlySet<string> | null {
  if (!s || s.role === 'admin' || !s.strategyScope) return null;
  return new Set(s.strategyScope);
}

const listed = (scope: ReadonlySet<string>) =>
  scope.size ? [...scope].join(', ') : 'no strategies';

/** Live topics that carry other strategies' or manual orders: refused to a limited session. */
const ORDER_TOPICS = new Set(['orders', 'fills', 'strategies', 'twap']);

/** Why a limited session may not subscribe to a topic; null when it may. */
export function topicRefusal(s: SessionRecord, topic: string): string | null {
  const scope = scopeOf(s);
  if (!scope || !ORDER_TOPICS.has(topic.split(':')[0]!)) return null;
  return `You are limited to strategies (${listed(scope)}): the live ${topic} feed carries other orders; read yours from the API`;
}

async function strategyOfOrder(db: Database, id: string): Promise<string | null | undefined> {
  const [row] = await db
    .select({ strategyId: schema.orders.strategyId })
    .from(schema.orders)
    .where(eq(schema.orders.id, id));
  return row ? row.strategyId : undefined;
}

/** Checks a request against its route's rule, before the handler forwards anything. */
async function enforce(
  db: Database,
  req: FastifyRequest,
  rule: ScopeRule,
  scope: ReadonlySet<string>,
): Promise<void> {
  const params = req.params as { id?: string };
  const refuse = (what: string): never => {
    throw new AppError('FORBIDDEN', `You are limited to strategies (${listed(scope)}): ${what}`);
  };
  if (rule === 'manual') refuse('manual orders and account-wide order actions are not allowed');
  if (rule === 'strategy' && !scope.has(params.id ?? ''))
    refuse(`strategy ${params.id} is not one of yours`);
  if (rule === 'pause') {
    const target = (req.body as { scope?: string } | undefined)?.scope;
    if (typeof target === 'string' && !scope.has(target))
      refuse(target === 'all' ? 'pause only your strategies' : `${target} is not one of yours`);
  }
  if (rule === 'order') {
    // Unknown ids and other strategies' orders answer alike (no probing for ids).
    const strategy = await strategyOfOrder(db, params.id ?? '');
    if (!strategy || !scope.has(strategy))
      throw new AppError('NOT_FOUND', `No order ${params.id} among your strategies' orders`);
  }
}

/** Filters a list response to the scope. */
async function filter(
  db: Database,
  rule: ScopeRule,
  scope: ReadonlySet<string>,
  payload: unknown,
): Promise<unknown> {
  if (!Array.isArray(payload)) return payload;
  if (rule === 'filterOrders')
    return (payload as Order[]).filter((o) => o.strategyId && scope.has(o.strategyId));
  if (rule === 'filterStrategies') return (payload as Strategy[]).filter((s) => scope.has(s.id));
  if (rule === 'filterManual') return [];
  if (rule === 'filterFills') {
    const fills = payload as Fill[];
    const ids = [...new Set(fills.map((f) => f.orderId))];
    if (!ids.length) return fills;
    const rows = await db
      .select({ id: schema.orders.id, strategyId: schema.orders.strategyId })
      .from(schema.orders)
      .where(inArray(schema.orders.id, ids));
    const mine = new Set(
      rows.filter((r) => r.strategyId && scope.has(r.strategyId)).map((r) => r.id),
    );
    return fills.filter((f) => mine.has(f.orderId));
  }
  return payload;
}

/**
 * Installs the scope checks: a preHandler (after the guard and body validation, before the
 * handler forwards to the gateway) and a preSerialization filter for list responses.
 */
export function installStrategyScope(app: FastifyInstance, db: Database): void {
  const ruleOf = (req: FastifyRequest): ScopeRule | undefined =>
    SCOPE_RULES[`${req.method} ${req.routeOptions.url}`];
  app.addHook('preHandler', async (req) => {
    const scope = scopeOf(req.session);
    const rule = ruleOf(req);
    if (scope && rule) await enforce(db, req, rule, scope);
  });
  app.addHook('preSerialization', async (req, reply, payload) => {
    const scope = scopeOf(req.session);
    const rule = ruleOf(req);
    if (!scope || !rule?.startsWith('filter') || reply.statusCode >= 400) return payload;
    return filter(db, rule, scope, payload);
  });
}
