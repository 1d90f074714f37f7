import {
  NotificationList,
  type MarkNotificationsReadRequest,
  type RecordNotificationsRequest,
} from '@qd/contracts';
import { ApiError, apiRequest } from './client';

function parsed(v: unknown): NotificationList {
  const r = NotificationList.safeParse(v);
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
