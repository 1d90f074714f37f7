import type { Database } from '@qd/platform';
import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '../audit/auditLog';
import { registerNotificationRoutes } from './routes';
import { NotificationStore } from './store';

/** Registers the per-user notification history API on the console. */
export function registerNotifications(
  app: FastifyInstance,
  db: Database,
  audit: AuditLog,
  now: () => Date,
): void {
  registerNotificationRoutes(app, new NotificationStore(db, now), audit);
}
export { NotificationStore, NOTIFICATIONS_KEPT } from './store';
