import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { endSessionByHandle, fetchSessions, logoutEverywhere } from '../../api/security';
import { Button } from '../../ui/Button';
import { endSession } from '../auth/endSession';
import { showToast } from '../shell/toasts';

/** The user's sessions: where and when, "this device", end one, log out everywhere. */
export function SessionsList() {
  const queryClient = useQueryClient();
  const router = useRouter();
  const sessions = useQuery({ queryKey: ['my-sessions'], queryFn: fetchSessions, staleTime: 0 });
  const [busy, setBusy] = useState<string | null>(null);

  async function end(handle: string) {
    setBusy(handle);
    try {
      await endSessionByHandle(handle);
      await sessions.refetch();
      showToast('success', 'Session ended');
    } catch (e) {
      showToast(
        'error',
        'Could not end the session',
        e instanceof ApiError ? e.message : undefined,
      );
    } finally {
      setBusy(null);
    }
  }

  async function everywhere() {
    setBusy('all');
    await logoutEverywhere().catch(() => undefined);
    await endSession(router, queryClient, 'signed-out');
  }

  if (sessions.isPending) return <p className="p-3 text-ui text-muted">Loading sessions…</p>;
  if (sessions.isError)
    return (
      <p className="p-3 text-ui text-down">Cannot load your sessions: {sessions.error.message}</p>
    );
  return (
    <div className="flex flex-col gap-2 p-3">
      <table className="w-full text-left text-ui" data-testid="sessions-table">
        <thead className="text-xs text-muted">
          <tr>
            <th className="py-1 font-medium">Device</th>
            <th className="py-1 font-medium">Address</th>
            <th className="py-1 font-medium">Signed in</th>
            <th className="py-1 font-medium">Last active</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {sessions.data.map((s) => (
            <tr key={s.handle} className="border-t border-line">
              <td className="max-w-[280px] truncate py-1.5" title={s.userAgent}>
                {s.current && (
                  <span className="mr-2 rounded-sm border border-accent/40 bg-accent/10 px-1 text-xs text-accent">
                    This device
                  </span>
                )}
                {s.userAgent || 'unknown'}
              </td>
              <td className="py-1.5 font-mono">{s.ip}</td>
              <td className="py-1.5">{new Date(s.createdAt).toLocaleString()}</td>
              <td className="py-1.5">{new Date(s.lastSeenAt).toLocaleString()}</td>
              <td className="py-1.5 text-right">
                {!s.current && (
                  <Button size="sm" onClick={() => end(s.handle)} busy={busy === s.handle}>
                    End
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button
        variant="danger"
        size="sm"
        className="self-start"
        busy={busy === 'all'}
        onClick={everywhere}
      >
        Log out everywhere
      </Button>
    </div>
  );
}
