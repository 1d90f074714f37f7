import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { LogOut } from 'lucide-react';
import { useState } from 'react';
import { logout, oidcLogout } from '../../api/auth';
import { Button } from '../../ui/Button';
import { endSession } from '../auth/endSession';
import { useSession } from '../auth/session';

export function UserMenu() {
  const session = useSession();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);

  async function onLogout() {
    setBusy(true);
    if (session?.provider === 'oidc') {
      // RP-initiated logout: end the session here, then at the identity provider.
      const next = await oidcLogout().catch(() => null);
      await endSession(router, queryClient, 'signed-out');
      if (next && /^https?:\/\//.test(next)) window.location.assign(next);
      return;
    }
    // Sign out locally even if the server cannot be reached: the cookie is HttpOnly anyway.
    await logout().catch(() => undefined);
    await endSession(router, queryClient, 'signed-out');
  }

  if (!session) return null;
  return (
    <div
      className="flex items-center gap-2"
      title={`Signed in as ${session.user.username} (${session.user.role})`}
    >
      <span className="hidden text-ui xl:inline">{session.user.username}</span>
      <span className="hidden rounded-sm border border-accent/40 bg-accent/10 px-1.5 text-xs font-medium text-accent xl:inline">
        {session.user.role}
      </span>
      <Button size="sm" variant="ghost" onClick={onLogout} busy={busy}>
        <LogOut aria-hidden className="size-3.5" />
        <span className="sr-only 2xl:not-sr-only">Log out</span>
      </Button>
    </div>
  );
}
