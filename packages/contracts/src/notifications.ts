import { z } from 'zod';
import { IsoTimestamp } from './decimal';

export const NotificationTone = z.enum(['success', 'error', 'info']);
export type NotificationTone = z.infer<typeof NotificationTone>;

/** One entry of a user's notification history (kept on the server, per user). */
export const Notification = z.object({
  id: z.string(),
  tone: NotificationTone,
  title: z.string(),
  detail: z.string().nullable(),
  at: IsoTimestamp,
  read: z.boolean(),
});
export type Notification = z.infer<typeof Notification>;

/** The newest notifications (up to 100) and how many are unread. */
export const NotificationList = z.object({
  items: z.array(Notification),
  unread: z.number().int().nonnegative(),
});
export type NotificationList = z.infer<typeof NotificationList>;

/** Notifications the browser shows are recorded in batches (at most 50 a request). */
export const RecordNotificationsRequest = z
  .object({
    items: z
      .array(
        z
          .object({
            tone: NotificationTone,
            title: z.string().trim().min(1).max(200),
            detail: z.string().max(1000).optional(),
            at: IsoTimestamp,
            /** Already seen (the bell was open when it arrived). */
            read: z.boolean().default(false),
          })
          .strict(),
      )
      .min(1)
      .max(50),
  })
  .strict();
export type RecordNotificationsRequest = z.infer<typeof RecordNotificationsRequest>;

/** Marks the given notifications read, or all of them when `ids` is left out. */
export const MarkNotificationsReadRequest = z
  .object({
    ids: z
      .array(z.string().regex(/^\d{1,18}$/, 'must be a notification id'))
      .max(200)
      .optional(),
  })
  .strict();
export type MarkNotificationsReadRequest = z.infer<typeof MarkNotificationsReadRequest>;
