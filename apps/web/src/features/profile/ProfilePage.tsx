import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchMfaStatus } from '../../api/security';
import { Panel } from '../../ui/Panel';
import { EnrolTotp } from '../auth/mfa/EnrolTotp';
import { sessionQuery, useSession } from '../auth/session';
import { ApiKeys } from './ApiKeys';
import { ChangePassword } from './ChangePassword';
import { SessionsList } from './SessionsList';

function TwoFactor() {
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ['mfa-status'], queryFn: fetchMfaStatus, staleTime: 0 });
  if (status.isPending) return <p className="p-3 text-ui text-muted">Loading…</p>;
  if (status.isError) return <p className="p-3 text-ui text-down">{status.error.message}</p>;
  if (status.data.enrolled)
    return (
      <p className="p-3 text-ui" data-testid="mfa-status">
        Two-factor authentication is <strong>on</strong> (authenticator app).{' '}
        {status.data.recoveryCodesLeft} recovery codes left.
      </p>
    );
  return (
    <div className="p-3">
      <EnrolTotp
        onDone={async () => {
          await status.refetch();
          await queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey });
        }}
      />
    </div>
  );
}

/** The signed-in user's own account: password, second factor, sessions, API keys. */
export function ProfilePage() {
  const session = useSession();
  return (
    <div className="flex flex-col gap-3 overflow-y-auto p-3">
      <h1 className="text-base font-semibold">
        Profile <span className="font-normal text-muted">· {session?.user.username}</span>
      </h1>
      <Panel title="Two-factor authentication">
        <TwoFactor />
      </Panel>
      <Panel title="Sessions">
        <SessionsList />
      </Panel>
      <Panel title="Password">
        <ChangePassword />
      </Panel>
      {session?.permissions.includes('apikeys:self') && (
        <Panel title="API keys">
          <ApiKeys />
        </Panel>
      )}
    </div>
  );
}
