// Starts a Redis Sentinel group on free loopback ports (tests): 1 primary, 1 replica and
// 3 sentinels watching them, as deploy/redis/ does in production, with short timeouts.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './postgresServer.mjs';
import { waitForPort } from './redisServer.mjs';

function redis(args, dir) {
  return spawn('redis-server', [...args, '--bind', '127.0.0.1', '--dir', dir], { stdio: 'ignore' });
}

/** Starts the group; resolves to { sentinels: ['127.0.0.1:p', …], name, primaryPort, stopPrimary(), stop() }. */
export async function startSentinelGroup(name = 'quarterdeck') {
  const dir = mkdtempSync(join(tmpdir(), 'qd-sentinel-'));
  const children = [];
  const primaryPort = await freePort();
  const replicaPort = await freePort();
  const common = ['--save', '', '--appendonly', 'no'];
  const primary = redis(['--port', String(primaryPort), ...common], dir);
  children.push(primary);
  children.push(
    redis(
      ['--port', String(replicaPort), ...common, '--replicaof', '127.0.0.1', String(primaryPort)],
      dir,
    ),
  );
  await Promise.all([waitForPort(primaryPort), waitForPort(replicaPort)]);
  const sentinelPorts = [];
  for (let i = 0; i < 3; i++) {
    const port = await freePort();
    const conf = join(dir, `sentinel-${i}.conf`);
    // Sentinel rewrites its config file, so each needs its own writable copy.
    writeFileSync(
      conf,
      [
        `port ${port}`,
        `bind 127.0.0.1`,
        `dir ${dir}`,
        `sentinel monitor ${name} 127.0.0.1 ${primaryPort} 2`,
        // Known up front, so failover works at once (discovery through INFO takes ~10 s).
        `sentinel known-replica ${name} 127.0.0.1 ${replicaPort}`,
        `sentinel down-after-milliseconds ${name} 1000`,
        `sentinel failover-timeout ${name} 5000`,
        `sentinel parallel-syncs ${name} 1`,
        '',
      ].join('\n'),
    );
    children.push(spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' }));
    sentinelPorts.push(port);
  }
  await Promise.all(sentinelPorts.map((p) => waitForPort(p)));
  return {
    name,
    sentinels: sentinelPorts.map((p) => `127.0.0.1:${p}`),
    primaryPort,
    replicaPort,
    /** Kills the current primary process (the original one). */
    stopPrimary() {
      primary.kill('SIGKILL');
    },
    stop() {
      for (const c of children) c.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
