import { Role, type UserSummary } from '@qd/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { changeRole, fetchUsers, forceLogout, resetMfa } from '../../api/security';
import { Button } from '../../ui/Button';
import { Panel } from '../../ui/Panel';
import { useSession } from '../auth/session';
import { showToast } from '../shell/toasts';
import { CreateUserForm } from './CreateUserForm';
import { ReasonDialog } from './ReasonDialog';

type Pending =
  | { kind: 'role'; user: UserSummary; role: Role }
  | { kind: 'mfa'; user: UserSummary }
  | { kind: 'logout'; user: UserSummary };

/** Users and roles: create, change role, reset MFA, sign out everywhere (each needs step-up). */
export function UsersPage() {
  const session = useSession();
  const users = useQuery({ queryKey: ['admin-users'], queryFn: fetchUsers, staleTime: 0 });
  const [pending, setPending] = useState<Pending | null>(null);
  const canWrite = session?.permissions.includes('users:write') ?? false;

  async function run(p: Pending, reason: string): Promise<string | null> {
    try {
      if (p.kind === 'role') await changeRole(p.user.id, p.role, reason);
      else if (p.kind === 'mfa') await resetMfa(p.user.id, reason);
      else await forceLogout(p.user.id, reason);
      await users.refetch();
      showToast('success', `Done for ${p.user.username}`);
      return null;
    } catch (e) {
      return e instanceof ApiError ? e.message : 'The request failed.';
    }
  }

  return (
    <div className="flex flex-col gap-3 overflow-y-auto p-3">
      <h1 className="text-base font-semibold">Users and roles</h1>
      {canWrite && (
        <Panel title="New user">
          <CreateUserForm onCreated={() => void users.refetch()} />
        </Panel>
      )}
      <Panel title="Users" testId="users-panel">
        {users.isError ? (
          <p className="p-3 text-ui text-down">{users.error.message}</p>
        ) : (
          <table className="w-full text-left text-ui">
            <thead className="text-xs text-muted">
              <tr>
                <th className="px-3 py-1 font-medium">User</th>
                <th className="py-1 font-medium">Role</th>
                <th className="py-1 font-medium">Two-factor</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {(users.data ?? []).map((u) => (
                <tr
                  key={u.id}
                  className="border-t border-line"
                  data-testid={`user-row-${u.username}`}
                >
                  <td className="px-3 py-1.5">{u.username}</td>
                  <td className="py-1.5">
                    <select
                      aria-label={`Role of ${u.username}`}
                      value={u.role}
                      disabled={!canWrite}
                      onChange={(e) =>
                        setPending({ kind: 'role', user: u, role: e.target.value as Role })
                      }
                      className="h-7 rounded-md border border-line-strong bg-bg px-1 text-ui"
                    >
                      {Role.options.map((r) => (
                        <option key={r}>{r}</option>
                      ))}
                    </select>
                  </td>
                  <td className="py-1.5">{u.mfaEnrolled ? 'on' : 'off'}</td>
                  <td className="py-1.5 pr-3 text-right">
                    {canWrite && (
                      <div className="flex justify-end gap-2">
                        <Button
                          size="sm"
                          disabled={!u.mfaEnrolled}
                          onClick={() => setPending({ kind: 'mfa', user: u })}
                        >
                          Reset two-factor
                        </Button>
                        <Button size="sm" onClick={() => setPending({ kind: 'logout', user: u })}>
                          Sign out everywhere
                        </Button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      {pending && (
        <ReasonDialog
          title={
            pending.kind === 'role'
              ? `Make ${pending.user.username} ${pending.role}`
              : pending.kind === 'mfa'
                ? `Reset two-factor authentication of ${pending.user.username}`
                : `Sign ${pending.user.username} out everywhere`
          }
          action={
            pending.kind === 'role' ? 'Change role' : pending.kind === 'mfa' ? 'Reset' : 'Sign out'
          }
          onSubmit={(reason) => run(pending, reason)}
          onClose={() => setPending(null)}
        />
      )}
    </div>
  );
}
