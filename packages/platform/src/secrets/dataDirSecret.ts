import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Returns a secret kept in the data dir, creating it (32 random bytes, mode 0600) on first use.
 * Embedded mode only: production passes secrets through the environment.
 */
export function dataDirSecret(dataDir: string, name: string): string {
  mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'keys', `${name}.key`);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  return secret;
}
