import { Bell, BellOff, CheckCircle2, Info, XCircle } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { formatDateTime, formatTime } from '../../format/time';
import { QuietModeToggle } from '../preferences/QuietModeToggle';
import { usePreferences } from '../preferences/usePreferences';
import {
  clearHistory,
  markAllRead,
  markOneRead,
  useNotificationHistory,
} from './notificationHistory';
import type { ToastTone } from './toasts';

const ICONS: Record<ToastTone, typeof Info> = { success: CheckCircle2, error: XCircle, info: Info };
const TONE: Record<ToastTone, string> = {
  success: 'text-up',
  error: 'text-down',
  info: 'text-accent',
};

/**
 * The bell: unread count, the user's notification history (kept on the server, so it survives a
 * reload and follows them to another browser), mark-read, and the quiet-mode switch.
 */
export function NotificationCentre() {
  const { items: history, unread } = useNotificationHistory();
  const { prefs } = usePreferences();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const BellIcon = prefs.quietMode ? BellOff : Bell;
  return (
    <div ref={box} className="relative">
      <button
        type="button"
        data-testid="notifications-button"
        aria-label={`Notifications${unread ? `, ${unread} unread` : ''}${prefs.quietMode ? ' (quiet mode)' : ''}`}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="relative flex size-8 items-center justify-center rounded-md text-muted hover:bg-hover hover:text-fg"
      >
        <BellIcon aria-hidden className="size-4" />
        {unread > 0 && (
          <span className="num absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-accent-strong px-1 text-[10px] leading-4 font-semibold text-white">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div
          role="dialog"
          aria-label="Notifications"
          data-testid="notification-centre"
          className="absolute top-10 right-0 z-50 flex max-h-[70vh] w-[360px] max-w-[calc(100vw-16px)] flex-col rounded-lg border border-line-strong bg-raised"
        >
          <div className="flex h-9 items-center justify-between gap-2 border-b border-line px-3">
            <span className="text-xs font-semibold tracking-wide text-muted uppercase">
              Notifications
            </span>
            <QuietModeToggle
              className="flex items-center gap-1.5 text-xs text-muted"
              label="Quiet mode"
            />
          </div>
          {prefs.quietMode && (
            <p className="border-b border-line px-3 py-1.5 text-xs text-faint">
              Quiet: events are kept here without popping up. Results of your own actions still
              show.
            </p>
          )}
          {history.length === 0 ? (
            <p className="px-3 py-6 text-center text-ui text-muted">
              No notifications yet. Order results, fills and kill-switch changes appear here.
            </p>
          ) : (
            <ol className="min-h-0 overflow-y-auto">
              {history.map((n) => {
                const Icon = ICONS[n.tone];
                const iso = new Date(n.at).toISOString();
                return (
                  <li
                    key={n.key}
                    data-testid="notification"
                    data-read={n.read}
                    className={`flex gap-2 border-b border-line px-3 py-2 last:border-0 ${n.read ? '' : 'bg-hover/40'}`}
                  >
                    <Icon aria-hidden className={`mt-px size-4 shrink-0 ${TONE[n.tone]}`} />
                    <div className="min-w-0 flex-1">
                      <p className={`text-ui ${n.read ? '' : 'font-semibold'}`}>
                        {!n.read && <span className="sr-only">Unread: </span>}
                        {n.title}
                      </p>
                      {n.detail && <p className="text-xs text-muted">{n.detail}</p>}
                    </div>
                    <div className="flex shrink-0 flex-col items-end gap-1">
                      <time
                        dateTime={iso}
                        title={formatDateTime(iso)}
                        className="num text-xs text-faint"
                      >
                        {formatTime(iso)}
                      </time>
                      {!n.read && n.id && (
                        <button
                          type="button"
                          onClick={() => void markOneRead(n.id!)}
                          className="text-xs text-accent hover:underline"
                        >
                          Mark read
                        </button>
                      )}
                    </div>
                  </li>
                );
              })}
            </ol>
          )}
          {history.length > 0 && (
            <div className="flex border-t border-line">
              <button
                type="button"
                disabled={unread === 0}
                onClick={() => void markAllRead()}
                className="h-8 flex-1 text-xs text-muted hover:bg-hover hover:text-fg disabled:opacity-50"
              >
                Mark all read
              </button>
              <button
                type="button"
                onClick={() => void clearHistory()}
                className="h-8 flex-1 border-l border-line text-xs text-muted hover:bg-hover hover:text-fg"
              >
                Clear history
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
