import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { AUTH_CARD_CLASS, AuthFrame } from '../AuthFrame';
import { sessionQuery, useSession } from '../session';
import { EnrolTotp } from './EnrolTotp';
import { LogOutButton } from './LogOutButton';

/** Shown after sign-in when the role requires MFA and the user has not set it up yet. */
export function EnrolMfaPage() {
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  async function done() {
    await queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey });
    await navigate({ to: '/' });
  }

  return (
    <AuthFrame wide>
      <section className={AUTH_CARD_CLASS}>
        <div>
          <h2 className="text-base font-semibold">Set up two-factor authentication</h2>
          <p className="mt-1 text-xs text-muted">
            Your role ({session?.user.role}) requires a second factor before you can continue.
          </p>
        </div>
        <EnrolTotp onDone={done} />
        <LogOutButton />
      </section>
    </AuthFrame>
  );
}
