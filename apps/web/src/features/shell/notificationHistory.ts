import type { Notification, NotificationList } from '@qd/contracts';
import { useSyncExternalStore } from 'react';
import {
  clearNotificationHistory,
  fetchNotifications,
  markNotificationsRead,
  recordNotifications,
} from '../../api/notifications';

/** A history entry: stored on the server (`id`), or shown here and not sent yet (`id` null). */
export interface HistoryEntry extends Omit<Notification, 'id'> {
  key: string;
  id: string | null;
}

interface State {
  items: readonly HistoryEntry[];
  unread: number;
}

// The history lives on the server per user (it follows them to any browser); this store shows it
// at once and sends new entries in small batches. It never polls: it loads when the shell starts.
const FLUSH_MS = 500;
const RETRY_MS = 5_000;
const BATCH = 50;

let server: NotificationList = { items: [], unread: 0 };
let pending: HistoryEntry[] = [];
let state: State = { items: [], unread: 0 };
let active = false;
let timer: ReturnType<typeof setTimeout> | null = null;
let nextKey = 1;
const listeners = new Set<() => void>();

function render(): void {
  const stored: HistoryEntry[] = server.items.map((n) => ({ ...n, key: `s${n.id}` }));
  state = {
    items: [...pending, ...stored],
    unread: server.unread + pending.filter((p) => !p.read).length,
  };
  for (const l of listeners) l();
}

function accept(list: NotificationList): void {
  server = list;
  render();
}

function schedule(ms: number): void {
  if (!active || timer) return;
  timer = setTimeout(() => {
    timer = null;
    void flush();
  }, ms);
}

async function flush(): Promise<void> {
  if (!active || pending.length === 0) return;
  const batch = pending.slice(-BATCH);
  try {
    const list = await recordNotifications(
      batch.map((p) => ({
        tone: p.tone,
        title: p.title.slice(0, 200),
        ...(p.detail ? { detail: p.detail.slice(0, 1000) } : {}),
        at: p.at,
        read: p.read,
      })),
    );
    pending = pending.filter((p) => !batch.includes(p));
    accept(list);
    if (pending.length) schedule(0);
  } catch {
    // Kept here and sent again shortly: a lost notification is worse than a late one.
    schedule(RETRY_MS);
  }
}

/** Adds an unread notification to the signed-in user's history. */
export function addNotification(
  tone: Notification['tone'],
  title: string,
  detail: string | undefined,
  at: number,
): void {
  if (!active) return; // signed out (the login page): there is no one's history to keep
  pending = [
    {
      key: `p${nextKey++}`,
      id: null,
      tone,
      title,
      detail: detail ?? null,
      at: new Date(at).toISOString(),
      read: false,
    },
    ...pending,
  ];
  render();
  schedule(FLUSH_MS);
}

/** Starts syncing for the signed-in user: loads their history, then sends what is pending. */
export function startNotificationSync(): () => void {
  active = true;
  void fetchNotifications()
    .then(accept)
    .catch(() => undefined)
    .finally(() => schedule(0));
  return () => {
    active = false;
    if (timer) clearTimeout(timer);
    timer = null;
    pending = [];
    server = { items: [], unread: 0 };
    render();
  };
}

/** Marks every notification read, here and on the server. */
export async function markAllRead(): Promise<void> {
  if (state.unread === 0) return;
  pending = pending.map((p) => ({ ...p, read: true }));
  server = { items: server.items.map((n) => ({ ...n, read: true })), unread: 0 };
  render();
  await markNotificationsRead()
    .then(accept)
    .catch(() => undefined);
}

/** Marks one stored notification read. */
export async function markOneRead(id: string): Promise<void> {
  await markNotificationsRead([id])
    .then(accept)
    .catch(() => undefined);
}

/** Clears the user's whole history (on the server too). */
export async function clearHistory(): Promise<void> {
  pending = [];
  render();
  await clearNotificationHistory()
    .then(accept)
    .catch(() => undefined);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useNotificationHistory(): State {
  return useSyncExternalStore(subscribe, () => state);
}
