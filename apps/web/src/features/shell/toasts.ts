import { useSyncExternalStore } from 'react';
import { addNotification } from './notificationHistory';

export type ToastTone = 'success' | 'error' | 'info';
export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  detail?: string;
  /** Epoch ms. */
  at: number;
}

/**
 * `action`: the outcome of something this user just did — always shown.
 * `event`: something that happened (another operator's kill switch) — held back from popping up
 * in quiet mode, but always kept in the notification centre.
 * `log`: routine (fills): kept in the notification centre only.
 */
export type ToastSource = 'action' | 'event' | 'log';

const TOAST_MS = 7000;

interface State {
  toasts: readonly Toast[];
  quiet: boolean;
}

let state: State = { toasts: [], quiet: false };
let nextId = 1;
const listeners = new Set<() => void>();

function emit(next: Partial<State>): void {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

export function dismissToast(id: number): void {
  emit({ toasts: state.toasts.filter((t) => t.id !== id) });
}

/** Shows the outcome of an action for a few seconds and keeps it in the user's history. */
export function showToast(
  tone: ToastTone,
  title: string,
  detail?: string,
  source: ToastSource = 'action',
): void {
  const toast: Toast = { id: nextId++, tone, title, at: Date.now(), ...(detail ? { detail } : {}) };
  addNotification(tone, title, detail, toast.at);
  const pop = source === 'action' || (source === 'event' && !state.quiet);
  if (pop) emit({ toasts: [...state.toasts.slice(-3), toast] });
  if (pop) setTimeout(() => dismissToast(toast.id), TOAST_MS);
}

/** Quiet mode (from the user's preferences): events stop popping up. */
export function setQuietMode(quiet: boolean): void {
  if (quiet !== state.quiet) emit({ quiet });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useToasts(): readonly Toast[] {
  return useSyncExternalStore(subscribe, () => state.toasts);
}
