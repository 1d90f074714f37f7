import { Role, type UserSummary } from '@qd/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import {
  changeRole,
  fetchStrategyIds,
  fetchUsers,
  forceLogout,
  resetMfa,
  setStrategyScope,
  setUserDisabled,
} from '../../api/security';
import { Button } from '../../ui/Button';
import { Panel } from '../../ui/Panel';
import { useSession } from '../auth/session';
import { showToast } from '../shell/toasts';
import { CreateUserForm } from './CreateUserForm';
import { ReasonDialog } from './ReasonDialog';
import { StrategyScopeFields } from './StrategyScopeFields';

type Pending =
  | { kind: 'role'; user: UserSummary; role: Role }
  | { kind: 'mfa'; user: UserSummary }
  | { kind: 'logout'; user: UserSummary }
  | { kind: 'disable' | 'enable' | 'scope'; user: UserSummary };

const scopeText = (u: UserSummary) =>
  u.strategyScope ? u.strategyScope.join(', ') || 'none' : 'all';

const TITLES: Record<Pending['kind'], (p: Pending) => string> = {
  role: (p) => `Make ${p.user.username} ${p.kind === 'role' ? p.role : ''}`,
  mfa: (p) => `Reset two-factor authentication of ${p.user.username}`,
  logout: (p) => `Sign ${p.user.username} out everywhere`,
  disable: (p) => `Disable ${p.user.username}: their sessions end and their API keys stop working`,
  enable: (p) => `Enable ${p.user.username} again`,
  scope: (p) => `Strategies of ${p.user.username} (their sessions end)`,
};
const ACTIONS: Record<Pending['kind'], string> = {
  role: 'Change role',
  mfa: 'Reset',
  logout: 'Sign out',
  disable: 'Disable',
  enable: 'Enable',
  scope: 'Save',
};

/**
 * Users and roles: create, change role, reset MFA, sign out everywhere, disable / enable (each
 * needs step-up and a reason).
 */
export function UsersPage() {
  const session = useSession();
  const users = useQuery({ queryKey: ['admin-users'], queryFn: fetchUsers, staleTime: 0 });
  const [pending, setPending] = useState<Pending | null>(null);
  const [scopeDraft, setScopeDraft] = useState<string[] | null>(null);
  const strategyIds = useQuery({
    queryKey: ['strategy-ids'],
    queryFn: fetchStrategyIds,
    enabled: pending?.kind === 'scope',
  });
  const canWrite = session?.permissions.includes('users:write') ?? false;

  async function run(p: Pending, reason: string): Promise<string | null> {
    try {
      if (p.kind === 'role') await changeRole(p.user.id, p.role, reason);
      else if (p.kind === 'mfa') await resetMfa(p.user.id, reason);
      else if (p.kind === 'logout') await forceLogout(p.user.id, reason);
      else if (p.kind === 'scope') await setStrategyScope(p.user.id, scopeDraft, reason);
      else await setUserDisabled(p.user.id, p.kind === 'disable', reason);
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
                <th className="py-1 font-medium">Strategies</th>
                <th className="py-1 font-medium">Status</th>
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
                  <td className="py-1.5">
                    {canWrite && u.role !== 'admin' ? (
                      <button
                        type="button"
                        aria-label={`Strategies of ${u.username}`}
                        className="text-accent hover:underline"
                        onClick={() => {
                          setScopeDraft(u.strategyScope);
                          setPending({ kind: 'scope', user: u });
                        }}
                      >
                        {scopeText(u)}
                      </button>
                    ) : (
                      scopeText(u)
                    )}
                  </td>
                  <td className={`py-1.5 ${u.disabled ? 'text-down' : ''}`}>
                    {u.disabled ? 'disabled' : 'active'}
                  </td>
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
                        <Button
                          size="sm"
                          variant={u.disabled ? 'outline' : 'danger'}
                          disabled={u.id === session?.user.id}
                          onClick={() =>
                            setPending({ kind: u.disabled ? 'enable' : 'disable', user: u })
                          }
                        >
                          {u.disabled ? 'Enable' : 'Disable'}
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
          title={TITLES[pending.kind](pending)}
          action={ACTIONS[pending.kind]}
          onSubmit={(reason) => run(pending, reason)}
          onClose={() => setPending(null)}
        >
          {pending.kind === 'scope' && (
            <StrategyScopeFields
              ids={strategyIds.data}
              value={scopeDraft}
              onChange={setScopeDraft}
            />
          )}
        </ReasonDialog>
      )}
    </div>
  );
}
