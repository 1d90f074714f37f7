import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { logout } from '../../../api/auth';
import { Button } from '../../../ui/Button';
import { endSession } from '../endSession';

/** Ends a session that is stuck at a two-factor step (a failed logout call still ends it here). */
export function LogOutButton() {
  const router = useRouter();
  const queryClient = useQueryClient();
  return (
    <Button
      variant="ghost"
      size="sm"
      className="self-end"
      onClick={async () => {
        await logout().catch(() => undefined);
        await endSession(router, queryClient, 'signed-out');
      }}
    >
      Log out
    </Button>
  );
}
