import type { Job, Order, TwapOrder, TwapPreview, TwapRequest } from '@qd/contracts';
import { dec, planTwap, str, twapLimitPrice, type TwapSlice } from '@qd/domain';
import { AppError, schema, type Database, type Logger } from '@qd/platform';
import { desc, eq } from 'drizzle-orm';
import { controlOrderId } from '../controls/actions';
import type { Controls } from '../controls/controls';
import type { Engine } from '../engine';
import { iso, orderFromRow } from '../mappers';
import type { Publisher } from '../publisher';
import { jobFromTwap } from './twapJob';

type Row = typeof schema.twapOrders.$inferSelect;

/** Plans slices, or a clear 400 naming the bad field. */
export function planOr400(req: TwapRequest, startMs: number): TwapSlice[] {
  try {
    return planTwap({
      qty: dec(req.qty),
      durationMin: req.durationMin,
      intervalS: req.intervalS,
      startMs,
    });
  } catch (e) {
    throw new AppError('VALIDATION_FAILED', (e as Error).message);
  }
}

/**
 * TWAP parents: slices go out on schedule as market orders, or as limits at the touch ± an offset
 * (priced from the quote when each slice is sent), each re-checking the halts.
 */
export class TwapRunner {
  /** The last `jobs:{id}` state published per running parent, so only changes are pushed. */
  private readonly published = new Map<string, string>();
  /**
   * No parent was running at the last step: the loop's step reads nothing until start() adds
   * one (this gateway is the only writer of TWAP parents; a restart begins with a read).
   */
  private idle = false;
  /** Bumped by start(): a step whose read began before a start must not conclude "idle". */
  private starts = 0;

  constructor(
    private readonly engine: Engine,
    private readonly controls: Controls,
    private readonly db: Database,
    private readonly publisher: Publisher,
    private readonly logger: Logger,
  ) {}

  preview(req: TwapRequest): TwapPreview {
    if (!this.engine.instruments.has(req.symbol))
      throw new AppError('UNKNOWN_SYMBOL', `Unknown symbol ${req.symbol}`);
    const slices = planOr400(req, this.engine.now().getTime());
    const q = this.engine.quote(req.symbol);
    const limit =
      req.sliceType === 'limit'
        ? this.limitPrice(req.symbol, req.side, req.limitOffsetBps ?? 0)
        : null;
    return {
      request: req,
      slices: slices.map((s) => ({
        index: s.index,
        at: new Date(s.atMs).toISOString(),
        qty: str(s.qty),
      })),
      estimatedNotional: dec(req.qty)
        .mul(limit ?? (req.side === 'buy' ? q.ask : q.bid))
        .toFixed(2),
      indicativeLimitPrice: limit ? str(limit) : null,
    };
  }

  /** A limit slice's price now: the touch moved by the offset, on the instrument's tick. */
  private limitPrice(symbol: string, side: 'buy' | 'sell', offsetBps: number) {
    const q = this.engine.quote(symbol);
    const tick = dec(this.engine.instruments.get(symbol)?.tickSize ?? '0.01');
    return twapLimitPrice(side, { bid: dec(q.bid), ask: dec(q.ask) }, offsetBps, tick);
  }

  /** Starts a TWAP (idempotent within 10 s for the same content and user) and sends slice 1. */
  async start(req: TwapRequest, actor: string): Promise<TwapOrder> {
    const p = this.preview(req);
    const now = this.engine.now();
    const id = `twap-${controlOrderId(['twap', JSON.stringify(req), actor], now).slice(0, 24)}`;
    const at = now.toISOString();
    await this.db
      .insert(schema.twapOrders)
      .values({
        id,
        symbol: req.symbol,
        side: req.side,
        qty: req.qty,
        durationMin: req.durationMin,
        intervalS: req.intervalS,
        sliceType: req.sliceType,
        limitOffsetBps: req.sliceType === 'limit' ? (req.limitOffsetBps ?? 0) : null,
        startAt: at,
        slices: p.slices.length,
        status: 'running',
        reason: req.reason,
        createdBy: actor,
        createdAt: at,
        updatedAt: at,
      })
      .onConflictDoNothing();
    this.starts++;
    this.idle = false;
    await this.step();
    return (await this.get(id))!;
  }

  /** Sends every slice that is due; a kill switch, breaker or any reject halts the parent. */
  async step(): Promise<void> {
    if (this.idle) return;
    const starts = this.starts;
    const running = await this.db
      .select()
      .from(schema.twapOrders)
      .where(eq(schema.twapOrders.status, 'running'));
    if (!running.length && starts === this.starts) this.idle = true;
    const nowMs = this.engine.now().getTime();
    for (const r of running) {
      const slices = planTwap({
        qty: dec(r.qty),
        durationMin: r.durationMin,
        intervalS: r.intervalS,
        startMs: Date.parse(r.startAt),
      });
      let sent = r.slicesSent;
      let halt: string | null = null;
      while (sent < slices.length && slices[sent]!.atMs <= nowMs && !halt) {
        halt = await this.haltReason();
        if (halt) break;
        try {
          const side = r.side as 'buy' | 'sell';
          const priced =
            r.sliceType === 'limit'
              ? {
                  type: 'limit' as const,
                  limitPrice: str(this.limitPrice(r.symbol, side, r.limitOffsetBps ?? 0)),
                }
              : { type: 'market' as const };
          await this.engine.place(
            {
              clientOrderId: `${r.id.slice(0, 40)}-s${sent}`,
              order: {
                symbol: r.symbol,
                side,
                qty: str(slices[sent]!.qty),
                ...priced,
                tif: 'day',
                reason: `TWAP ${r.id} slice ${sent + 1}/${slices.length}`,
              },
            },
            r.createdBy,
            { parentId: r.id },
          );
          sent++;
        } catch (e) {
          halt = `slice ${sent + 1} refused: ${e instanceof AppError ? e.detail : (e as Error).message}`;
        }
      }
      if (sent === r.slicesSent && !halt) {
        await this.publishJob(r.id); // children may have filled since: progress moved
        continue;
      }
      const status = halt ? 'halted' : sent >= slices.length ? 'completed' : 'running';
      await this.update(r.id, { slicesSent: sent, status, statusReason: halt });
      if (halt) this.logger.warn({ twap: r.id, halt }, 'TWAP halted');
    }
  }

  /** Cancels the parent and every working child. */
  async cancel(id: string, actor: string): Promise<{ twap: TwapOrder; canceled: Order[] }> {
    const r = await this.row(id);
    if (r.status !== 'running')
      throw new AppError(
        'ORDER_NOT_CANCELABLE',
        `TWAP ${id} is ${r.status} and cannot be cancelled`,
      );
    const ids = [...this.engine.working.values()]
      .filter((w) => w.row.parentId === id)
      .map((w) => w.row.id);
    const canceled = await this.engine.serial.run(async () =>
      (await this.engine.cancelRows(ids, undefined, actor)).map(orderFromRow),
    );
    await this.update(id, { status: 'canceled', statusReason: `cancelled by ${actor}` });
    return { twap: (await this.get(id))!, canceled };
  }

  async list(limit = 50): Promise<TwapOrder[]> {
    const rows = await this.db
      .select()
      .from(schema.twapOrders)
      .orderBy(desc(schema.twapOrders.createdAt))
      .limit(limit);
    return Promise.all(rows.map((r) => this.view(r)));
  }

  /** The parent as a job (`jobs:{id}` snapshot); NOT_FOUND when there is none. */
  async job(id: string): Promise<Job> {
    const t = await this.get(id);
    if (!t) throw new AppError('NOT_FOUND', `No job ${id}`);
    return jobFromTwap(t);
  }

  async get(id: string): Promise<TwapOrder | null> {
    const [r] = await this.db.select().from(schema.twapOrders).where(eq(schema.twapOrders.id, id));
    return r ? this.view(r) : null;
  }

  private async row(id: string): Promise<Row> {
    const [r] = await this.db.select().from(schema.twapOrders).where(eq(schema.twapOrders.id, id));
    if (!r) throw new AppError('NOT_FOUND', `No TWAP ${id}`);
    return r;
  }

  private async haltReason(): Promise<string | null> {
    const ks = await this.engine.killSwitchView();
    if (ks !== 'disengaged') return `kill switch ${ks}`;
    const b = await this.controls.breakerView();
    if (b.view !== 'ok') return `circuit breaker ${b.view}${b.reason ? ` (${b.reason})` : ''}`;
    return null;
  }

  private async update(id: string, set: Partial<Row>): Promise<void> {
    await this.db
      .update(schema.twapOrders)
      .set({ ...set, updatedAt: this.engine.now().toISOString() })
      .where(eq(schema.twapOrders.id, id));
    await this.publisher.publish('twap', await this.list());
    await this.publishJob(id);
  }

  /** Publishes `jobs:{id}` when the job changed since it was last published. */
  private async publishJob(id: string): Promise<void> {
    const t = await this.get(id);
    if (!t) return;
    const job = jobFromTwap(t);
    const key = JSON.stringify([t.status, t.statusReason, t.slicesSent, t.filledQty]);
    if (this.published.get(id) === key) return;
    if (job.status === 'running') this.published.set(id, key);
    else this.published.delete(id); // finished: nothing more will change
    await this.publisher.publish(`jobs:${id}`, job);
  }

  private async view(r: Row): Promise<TwapOrder> {
    const children = await this.db
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.parentId, r.id));
    const filled = children.reduce((a, c) => a.plus(c.filledQty), dec(0));
    const slices = planTwap({
      qty: dec(r.qty),
      durationMin: r.durationMin,
      intervalS: r.intervalS,
      startMs: Date.parse(r.startAt),
    });
    const next = r.status === 'running' ? slices[r.slicesSent] : undefined;
    return {
      id: r.id,
      symbol: r.symbol,
      side: r.side as TwapOrder['side'],
      qty: str(dec(r.qty)),
      durationMin: r.durationMin,
      intervalS: r.intervalS,
      sliceType: r.sliceType as TwapOrder['sliceType'],
      limitOffsetBps: r.limitOffsetBps,
      slices: r.slices,
      slicesSent: r.slicesSent,
      filledQty: str(filled),
      status: r.status as TwapOrder['status'],
      statusReason: r.statusReason,
      reason: r.reason,
      startAt: iso(r.startAt),
      nextSliceAt: next ? new Date(next.atMs).toISOString() : null,
      createdBy: r.createdBy,
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt),
    };
  }
}
