import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Hub } from '../ws/hub';
import type { HubMetrics } from '../ws/hubMetrics';

/** Prometheus metrics of one console instance: process defaults plus the WS hub's. */
export class ConsoleMetrics {
  readonly registry = new Registry();
  readonly hub: HubMetrics;
  private hubRef: Hub | null = null;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'qd_console_' });
    const registers = [this.registry];
    const sent = new Counter({
      name: 'qd_ws_messages_sent_total',
      help: 'WebSocket frames written to clients',
      registers,
    });
    const conflated = new Counter({
      name: 'qd_ws_messages_conflated_total',
      help: 'Deltas merged into one already waiting for the same client',
      registers,
    });
    const dropped = new Counter({
      name: 'qd_ws_messages_dropped_total',
      help: 'Deltas replaced by a later snapshot (slow socket or overflowing buffer)',
      registers,
    });
    const latency = new Histogram({
      name: 'qd_ws_push_latency_seconds',
      help: 'From the gateway publishing a change to its frame being written to a socket',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    const hub = () => this.hubRef?.stats();
    new Gauge({
      name: 'qd_ws_connected_clients',
      help: 'Open WebSocket connections on this instance',
      registers,
      collect() {
        this.set(hub()?.clients ?? 0);
      },
    });
    new Gauge({
      name: 'qd_ws_send_queue_bytes',
      help: 'Bytes written to sockets but not yet sent (sum of bufferedAmount)',
      registers,
      collect() {
        this.set(hub()?.bufferedBytes ?? 0);
      },
    });
    new Gauge({
      name: 'qd_ws_subscriptions',
      help: 'Topic subscriptions on this instance, by topic family',
      labelNames: ['topic'],
      registers,
      collect() {
        this.reset();
        for (const [topic, n] of hub()?.subscriptions ?? []) this.set({ topic }, n);
      },
    });
    this.hub = {
      sent: (n) => sent.inc(n),
      conflated: (n) => conflated.inc(n),
      dropped: (n) => {
        if (n > 0) dropped.inc(n);
      },
      latency: (ms) => latency.observe(Math.max(0, ms) / 1000),
    };
  }

  /** Connects the gauges to the hub they read. */
  watch(hub: Hub): void {
    this.hubRef = hub;
  }

  /** The text exposition format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
