import { Zap, ZapOff } from 'lucide-react';
import { useBreaker } from './useBreaker';

const STYLE = {
  armed: { cls: 'border-up/40 bg-up/10 text-up', text: 'BREAKER ARMED', Icon: Zap },
  tripped: { cls: 'border-down/60 bg-down/15 text-down', text: 'BREAKER TRIPPED', Icon: ZapOff },
  unknown: { cls: 'border-line-strong bg-raised text-muted', text: 'BREAKER UNKNOWN', Icon: Zap },
} as const;

/** Circuit-breaker state, always next to the kill-switch badge. */
export function BreakerBadge() {
  const breaker = useBreaker();
  const { cls, text, Icon } = STYLE[breaker.state];
  return (
    <span
      title={breaker.detail}
      className={`hidden h-6 items-center gap-1.5 rounded-md border px-2 text-xs font-semibold tracking-wide whitespace-nowrap sm:inline-flex ${cls}`}
    >
      <Icon aria-hidden className="size-3.5" />
      <span data-testid="breaker-badge">{text}</span>
    </span>
  );
}
