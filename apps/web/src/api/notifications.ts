import type {
  MarkNotificationsReadRequest,
  NotificationList,
  RecordNotificationsRequest,
} from '@qd/contracts';
import { ApiError, apiRequest } from './client';

// The schema (and zod with it) loads on first use: toasts feed this history, and the login page
// shows toasts too, so a static import would put the whole contracts chunk on the login route.
async function parsed(v: unknown): Promise<NotificationList> {
  const { NotificationList: schema } = await import('@qd/contracts');
  const r = schema.safeParse(v);
  if (!r.success) throw new ApiError(200, 'BAD_RESPONSE', 'The server sent an unexpected answer.');
  return r.data;
}

/** The signed-in user's notification history (newest first) and unread count. */
export const fetchNotifications = async () => parsed(await apiRequest('/notifications'));

export const recordNotifications = async (items: RecordNotificationsRequest['items']) =>
  parsed(await apiRequest('/notifications', { method: 'POST', body: { items } }));

export const markNotificationsRead = async (ids?: MarkNotificationsReadRequest['ids']) =>
  parsed(await apiRequest('/notifications/read', { method: 'POST', body: ids ? { ids } : {} }));

export const clearNotificationHistory = async () =>
  parsed(await apiRequest('/notifications', { method: 'DELETE' }));
