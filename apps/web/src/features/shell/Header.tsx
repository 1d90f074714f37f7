import { Anchor } from 'lucide-react';
import { KillSwitchBadge } from '../killSwitch/KillSwitchBadge';
import { AccountSummary } from './AccountSummary';
import { BreakerBadge } from './BreakerBadge';
import { ConnectionBadge } from './ConnectionBadge';
import { MarketClockBadge } from './MarketClockBadge';
import { UserMenu } from './UserMenu';

/** 48 px header: the safety badges always at the same place, then the clock and the account. */
export function Header() {
  return (
    <header className="flex h-12 shrink-0 items-center gap-2 border-b border-line bg-panel px-3 sm:gap-3">
      <div className="flex items-center gap-2 sm:pr-2">
        <Anchor aria-hidden className="size-5 text-accent" />
        <span className="hidden text-sm font-semibold tracking-tight sm:inline">Quarterdeck</span>
      </div>
      <KillSwitchBadge />
      <BreakerBadge />
      <ConnectionBadge />
      <MarketClockBadge />
      <div className="flex-1" />
      <AccountSummary />
      <div aria-hidden className="hidden h-6 w-px bg-line lg:block" />
      <UserMenu />
    </header>
  );
}
