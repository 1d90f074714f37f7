import { BlockList, isIPv4, isIPv6 } from 'node:net';

export type IpBinding = 'exact' | 'subnet' | 'off';

/** `::ffff:10.0.0.1` → `10.0.0.1`, so one client is one address whichever stack it came in on. */
function plain(ip: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m ? m[1]! : ip;
}

/** True when a request from `current` may use a session that started at `original`. */
export function sameClientAddress(original: string, current: string, mode: IpBinding): boolean {
  if (mode === 'off') return true;
  const [a, b] = [plain(original), plain(current)];
  if (a === b) return true;
  if (mode === 'exact') return false;
  const type = isIPv4(a) ? 'ipv4' : isIPv6(a) ? 'ipv6' : null;
  if (!type || (type === 'ipv4' ? !isIPv4(b) : !isIPv6(b))) return false;
  const list = new BlockList();
  list.addSubnet(a, type === 'ipv4' ? 24 : 64, type);
  return list.check(b, type);
}
