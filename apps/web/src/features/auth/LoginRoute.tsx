import type { SessionInfo } from '@qd/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { LoginPage } from './LoginPage';
import { signedInPath } from './loginReason';
import { sessionQuery } from './session';

/** The login page inside the app (after sign-out or expiry): signing in navigates in the router. */
export function LoginRoute() {
  const { reason } = useSearch({ strict: false });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  async function onSignedIn(session: SessionInfo) {
    queryClient.setQueryData(sessionQuery.queryKey, session);
    await navigate({ to: signedInPath(session) });
  }
  return <LoginPage reason={reason} onSignedIn={onSignedIn} />;
}
