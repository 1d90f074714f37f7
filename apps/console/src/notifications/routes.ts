import {
  MarkNotificationsReadRequest,
  NotificationList,
  RecordNotificationsRequest,
} from '@qd/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AuditLog } from '../audit/auditLog';
import { auditSuccess } from '../http/guard';
import type { NotificationStore } from './store';

/** /api/v1/notifications: the signed-in user's own notification history. */
export function registerNotificationRoutes(
  app: FastifyInstance,
  store: NotificationStore,
  audit: AuditLog,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const response = { response: { 200: NotificationList } };
  r.get(
    '/api/v1/notifications',
    { config: { permission: 'profile:self' }, schema: response },
    (req) => store.list(req.session!.userId),
  );
  r.post(
    '/api/v1/notifications',
    {
      config: { permission: 'profile:self', action: 'notifications.record' },
      schema: { body: RecordNotificationsRequest, ...response },
    },
    async (req) => {
      const out = await store.record(req.session!.userId, req.body);
      // The audit row says how many, not what: the notifications repeat audited outcomes.
      await auditSuccess(audit, req, req.session!.username, null, { count: req.body.items.length });
      return out;
    },
  );
  r.post(
    '/api/v1/notifications/read',
    {
      config: { permission: 'profile:self', action: 'notifications.read' },
      schema: { body: MarkNotificationsReadRequest, ...response },
    },
    async (req) => {
      const out = await store.markRead(req.session!.userId, req.body.ids);
      await auditSuccess(audit, req, req.session!.username, null, {
        ids: req.body.ids ?? 'all',
      });
      return out;
    },
  );
  r.delete(
    '/api/v1/notifications',
    { config: { permission: 'profile:self', action: 'notifications.clear' }, schema: response },
    async (req) => {
      const out = await store.clear(req.session!.userId);
      await auditSuccess(audit, req, req.session!.username, null);
      return out;
    },
  );
}
