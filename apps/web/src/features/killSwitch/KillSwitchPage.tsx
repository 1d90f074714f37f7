import { OctagonX, Play, ShieldCheck, ShieldQuestion } from 'lucide-react';
import { useState } from 'react';
import { formatDateTime } from '../../format/time';
import { useNow } from '../../live/useNow';
import { Button } from '../../ui/Button';
import { Panel } from '../../ui/Panel';
import { useSession } from '../auth/session';
import { EngageDialog } from './EngageDialog';
import { KillSwitchHistory } from './KillSwitchHistory';
import { ResumeDialog } from './ResumeDialog';
import { TRADING_STATE_TEXT, useKillSwitch } from './useKillSwitch';

const RESUME_INTERVAL_MS = 60_000;

const LOOK = {
  active: { Icon: ShieldCheck, cls: 'border-up/40 bg-up/5 text-up' },
  engaged: { Icon: OctagonX, cls: 'border-down/60 bg-down/10 text-down' },
  unknown: { Icon: ShieldQuestion, cls: 'border-line-strong bg-raised text-muted' },
} as const;

export function KillSwitchPage() {
  const { status, state } = useKillSwitch();
  const session = useSession();
  const [dialog, setDialog] = useState<'engage' | 'resume' | null>(null);
  const canEngage = session?.permissions.includes('killswitch:engage') ?? false;
  const canResume = session?.permissions.includes('killswitch:disengage') ?? false;
  const now = useNow();
  // The gateway allows one resume a minute; say so before the user tries.
  const lastResume = status?.history.find((e) => e.action === 'disengage');
  const resumeWaitS = lastResume
    ? Math.ceil((Date.parse(lastResume.at) + RESUME_INTERVAL_MS - now) / 1000)
    : 0;
  const resumeBlocked = !canResume
    ? 'Your role cannot resume trading'
    : resumeWaitS > 0
      ? `Trading was resumed less than a minute ago; resume allowed again in ${resumeWaitS} s`
      : null;
  const { Icon, cls } = LOOK[state];
  const s = status?.state;

  return (
    <div className="mx-auto flex h-full max-w-[1100px] flex-col gap-3 p-4">
      <h1 className="text-xl font-semibold">Kill switch</h1>
      <section
        aria-label="Trading state"
        className={`flex flex-wrap items-center gap-6 rounded-lg border p-5 ${cls}`}
      >
        <Icon aria-hidden className="size-12 shrink-0" />
        <div className="min-w-[14rem] flex-1">
          <p data-testid="killswitch-state" className="text-2xl font-bold tracking-wide">
            {TRADING_STATE_TEXT[state]}
          </p>
          <p className="mt-1 text-ui text-fg">
            {state === 'unknown'
              ? 'State not received yet — trading is blocked until it is known.'
              : s?.changedAt
                ? `${s.engaged ? 'Engaged' : 'Released'} by ${s.changedBy ?? 'unknown'} at ${formatDateTime(s.changedAt)}`
                : 'Never engaged.'}
          </p>
          {s?.reason && <p className="mt-0.5 text-ui text-muted">Reason: {s.reason}</p>}
        </div>
        <div className="flex shrink-0 items-center gap-2">
          {state !== 'engaged' && (
            <span
              title={canEngage ? undefined : 'Your role cannot engage the kill switch'}
              className="inline-flex"
            >
              <Button
                variant="danger"
                disabled={!canEngage}
                onClick={() => setDialog('engage')}
                className="h-10 px-4 text-sm"
              >
                <OctagonX aria-hidden className="size-4" />
                Engage kill switch
              </Button>
            </span>
          )}
          {state === 'engaged' && (
            <span title={resumeBlocked ?? undefined} className="inline-flex">
              <Button
                variant="outline"
                disabled={Boolean(resumeBlocked)}
                onClick={() => setDialog('resume')}
                className="h-10 px-4 text-sm"
              >
                <Play aria-hidden className="size-4" />
                Resume trading…
              </Button>
            </span>
          )}
        </div>
      </section>
      {state === 'engaged' && resumeBlocked && canResume && (
        <p data-testid="resume-blocked" className="text-xs text-warn">
          {resumeBlocked}
        </p>
      )}
      <p className="text-xs text-muted">
        Engaging cancels every working order and blocks every new one at the gateway, for all users
        at once. It is recorded with your name and reason and survives restarts. If the state cannot
        be read, trading stays blocked.
      </p>
      <Panel title="History" className="min-h-[200px] flex-1">
        <div className="absolute inset-0 flex flex-col">
          <KillSwitchHistory events={status?.history} />
        </div>
      </Panel>
      {dialog === 'engage' && <EngageDialog onClose={() => setDialog(null)} />}
      {dialog === 'resume' && <ResumeDialog onClose={() => setDialog(null)} />}
    </div>
  );
}
