/** Resolves once something listens on the port. */
export function waitForPort(port: number, ms?: number): Promise<void>;
/** Starts redis-server (no persistence). */
export function startRedis(): Promise<{ url: string; port: number; stop(): void }>;
