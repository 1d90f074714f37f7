import {
  HA_USER_AGENT,
  login,
  startCluster,
  type Cluster,
} from '../../apps/console/src/ha/cluster';
import { LiveClient } from '../../apps/console/src/ha/liveClient';
import { startPostgres } from '../../scripts/lib/postgresServer.mjs';
import { startRedis } from '../../scripts/lib/redisServer.mjs';
import { summarize } from '../lib/stats';
import { DASHBOARD_TOPICS } from './push';
import { row, type BenchContext, type ResultRow, type Scenario } from './types';

const GOAL_MS = 5000;

/** Waits until the check holds; throws after `ms`. */
async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`failover bench: ${what} did not happen in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Instance failover, timed: 3 console processes and a gateway (the HA test cluster) on real
 * Postgres and Redis behind Debian's nginx, N browser-equivalent clients spread over them;
 * SIGKILL one instance and time, per client it held, kill → reconnected and resubscribed
 * (the pong after its `subscribe` on the new socket). The row is the slowest client.
 */
export const failover: Scenario = {
  name: 'failover',
  describe:
    'SIGKILL one of 3 console instances behind nginx; time until every client is resubscribed',
  needsServer: false,
  async run(ctx: BenchContext): Promise<ResultRow[]> {
    const n = ctx.quick ? 30 : 300;
    const pg = await startPostgres();
    const redis = await startRedis();
    let cluster: Cluster | null = null;
    const clients: LiveClient[] = [];
    try {
      ctx.log(`failover: starting 3 console instances, a gateway and nginx`);
      cluster = await startCluster({
        postgresAdminUrl: pg.url,
        redis: { REDIS_URL: redis.url },
        instances: 3,
        consoleEnv: { QD_WS_MAX_PER_USER: String(2 * n) },
      });
      const auth = await login(cluster.nginx.url);
      const url = cluster.nginx.url.replace('http', 'ws') + '/ws';
      const headers = {
        cookie: auth.cookie,
        'user-agent': HA_USER_AGENT,
        origin: cluster.nginx.url,
      };
      for (let i = 0; i < n; i++) {
        const c = new LiveClient(url, headers, DASHBOARD_TOPICS);
        clients.push(c);
        c.start();
      }
      await until(() => clients.every((c) => c.resubscribedAt !== null), 60_000, 'initial sync');
      await new Promise((r) => setTimeout(r, 2000)); // live traffic flowing
      const victim = cluster.consoles[0]!;
      const opensBefore = clients.map((c) => c.opens);
      const killedAt = Date.now();
      victim.child.kill('SIGKILL');
      await until(
        () => clients.some((c, i) => c.opens > opensBefore[i]! || !c.connected),
        10_000,
        'a client noticing the kill',
      );
      const moved = () => clients.filter((c, i) => c.opens > opensBefore[i]! || !c.connected);
      await until(
        () => moved().every((c) => c.connected && c.resubscribedAt !== null),
        60_000,
        'every moved client resubscribed',
      );
      const times = moved().map((c) => c.resubscribedAt! - killedAt);
      const worst = Math.max(...times);
      ctx.log(`failover: ${times.length} of ${n} clients moved; slowest back after ${worst} ms`);
      return [
        row({
          id: 'failover',
          scenario: `Instance failover: SIGKILL 1 of 3 behind nginx → every client resubscribed (${n} clients)`,
          seedTarget: '—',
          goal: `< ${GOAL_MS / 1000} s`,
          unit: 'ms',
          measured: summarize(times),
          value: worst,
          met: worst < GOAL_MS,
          notes: `${times.length} of ${n} clients were on the killed instance (all back, slowest ${worst} ms); the cluster runs on its own Postgres and Redis whatever the run flags say`,
        }),
      ];
    } finally {
      for (const c of clients) c.stop();
      await cluster?.stop();
      redis.stop();
      pg.stop();
    }
  },
};
