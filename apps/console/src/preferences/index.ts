import type { Database } from '@qd/platform';
import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '../audit/auditLog';
import { registerPreferencesRoutes } from './routes';
import { PreferencesStore } from './store';

/** Registers the preferences API on the console. */
export function registerPreferences(
  app: FastifyInstance,
  db: Database,
  audit: AuditLog,
  now: () => Date,
): void {
  registerPreferencesRoutes(app, new PreferencesStore(db, now), audit);
}
export { PreferencesStore } from './store';
