import { sep } from 'node:path';

const ASSETS_DIR = `${sep}assets${sep}`;

/**
 * Cache policy for the web build: files under `assets/` carry a content hash in their name, so a
 * browser may keep them for a year without asking again; everything else (index.html, the
 * favicon) is revalidated on every load so a deploy is picked up at once.
 */
export function webCacheControl(path: string): string {
  return path.includes(ASSETS_DIR) ? 'public, max-age=31536000, immutable' : 'no-cache';
}
