export interface SentinelGroup {
  name: string;
  /** `host:port` of each sentinel. */
  sentinels: string[];
  primaryPort: number;
  replicaPort: number;
  stopPrimary(): void;
  stop(): void;
}
/** 1 primary, 1 replica, 3 sentinels on free loopback ports. */
export function startSentinelGroup(name?: string): Promise<SentinelGroup>;
