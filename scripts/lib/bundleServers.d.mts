/** Bundles console and gateway; returns the path of each main.js. */
export function bundleServers(
  outDir?: (app: 'console' | 'gateway') => string,
  log?: (line: string) => void,
): Promise<{ console: string; gateway: string }>;
