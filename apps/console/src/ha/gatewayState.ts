// What the HA tests compare clients against: the gateway's own snapshots, read directly.
import type { Order } from '@qd/contracts';
import type { Cluster } from './cluster';
import type { LiveClient } from './liveClient';

/** One topic as the gateway holds it right now. */
export async function gatewaySnapshot(cluster: Cluster, topic: string): Promise<unknown> {
  const res = await fetch(`${cluster.gateway.url}/v1/snapshot/${topic}`, {
    headers: { authorization: `Bearer ${cluster.serviceToken}` },
  });
  return ((await res.json()) as { data: unknown }).data;
}

const qty = (rows: unknown) =>
  JSON.stringify(
    Object.fromEntries(
      (rows as Array<{ symbol: string; qty: string }>)
        .map((p) => [p.symbol, p.qty])
        .sort(([a], [b]) => a!.localeCompare(b!)),
    ),
  );
const orderKeys = (rows: unknown) =>
  JSON.stringify((rows as Order[]).map((o) => `${o.id}:${o.status}`).sort());
const fillKeys = (rows: unknown) =>
  JSON.stringify((rows as Array<{ id: string }>).map((f) => f.id).sort());

/**
 * Null when every client holds the gateway's orders, fills and position quantities (and has
 * data for each of its topics); otherwise what differs, for the failure message.
 */
export async function clientsMismatch(
  cluster: Cluster,
  clients: LiveClient[],
): Promise<string | null> {
  const orders = orderKeys(await gatewaySnapshot(cluster, 'orders'));
  const fills = fillKeys(await gatewaySnapshot(cluster, 'fills'));
  const positions = qty(await gatewaySnapshot(cluster, 'positions'));
  for (const [i, c] of clients.entries()) {
    if (!c.synced) return `client ${i} is not connected with data for every topic`;
    if (orderKeys(c.data.get('orders')) !== orders) return `client ${i}: orders differ`;
    if (fillKeys(c.data.get('fills')) !== fills) return `client ${i}: fills differ`;
    if (qty(c.data.get('positions')) !== positions) return `client ${i}: positions differ`;
  }
  return null;
}
