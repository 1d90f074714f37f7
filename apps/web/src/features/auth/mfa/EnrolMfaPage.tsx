import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useRouter } from '@tanstack/react-router';
import { Anchor } from 'lucide-react';
import { logout } from '../../../api/auth';
import { Button } from '../../../ui/Button';
import { endSession } from '../endSession';
import { sessionQuery, useSession } from '../session';
import { EnrolTotp } from './EnrolTotp';

/** Shown after sign-in when the role requires MFA and the user has not set it up yet. */
export function EnrolMfaPage() {
  const session = useSession();
  const navigate = useNavigate();
  const router = useRouter();
  const queryClient = useQueryClient();

  async function done() {
    await queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey });
    await navigate({ to: '/' });
  }

  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <div className="w-full max-w-[440px]">
        <div className="mb-6 flex items-center gap-2">
          <Anchor aria-hidden className="size-6 text-accent" />
          <h1 className="text-xl font-semibold tracking-tight">Quarterdeck</h1>
        </div>
        <section className="flex flex-col gap-4 rounded-lg border border-line bg-panel p-6">
          <div>
            <h2 className="text-base font-semibold">Set up two-factor authentication</h2>
            <p className="mt-1 text-xs text-muted">
              Your role ({session?.user.role}) requires a second factor before you can continue.
            </p>
          </div>
          <EnrolTotp onDone={done} />
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
        </section>
      </div>
    </main>
  );
}
