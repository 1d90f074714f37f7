/** Client certificates to issue: by the test CA, or (rogue) by an untrusted one. */
export function makeTestCerts(
  clients: { name: string; cn: string; email?: string; rogue?: boolean }[],
): { dir: string; path(name: string): string; remove(): void };
