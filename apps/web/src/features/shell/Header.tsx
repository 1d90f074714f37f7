import { Anchor, Search, Settings } from 'lucide-react';
import { KillSwitchBadge } from '../killSwitch/KillSwitchBadge';
import { AccountSummary } from './AccountSummary';
import { BreakerBadge } from './BreakerBadge';
import { ConnectionBadge } from './ConnectionBadge';
import { MarketClockBadge } from './MarketClockBadge';
import { NavDrawer } from './NavDrawer';
import { NotificationCentre } from './NotificationCentre';
import { openOverlay } from './overlays';
import { UserMenu } from './UserMenu';

/** 48 px header: the safety badges always at the same place, then the clock and the account. */
export function Header() {
  return (
    <header className="flex h-12 shrink-0 items-center gap-1.5 border-b border-line bg-panel px-2 sm:gap-2 sm:px-3 xl:gap-3">
      <NavDrawer />
      <div className="flex items-center gap-2 xl:pr-2">
        <Anchor aria-hidden className="hidden size-5 text-accent sm:block" />
        <span className="hidden text-sm font-semibold tracking-tight 2xl:inline">Quarterdeck</span>
      </div>
      <KillSwitchBadge />
      <BreakerBadge />
      <ConnectionBadge />
      <MarketClockBadge />
      <div className="flex-1" />
      <AccountSummary />
      <div aria-hidden className="hidden h-6 w-px bg-line lg:block" />
      <button
        type="button"
        onClick={() => openOverlay('palette')}
        aria-label="Open the command palette (Ctrl+K)"
        title="Command palette (Ctrl+K or /)"
        className="hidden h-7 items-center gap-2 rounded-md border border-line-strong px-2 text-xs whitespace-nowrap text-muted hover:bg-hover hover:text-fg md:flex"
      >
        <Search aria-hidden className="size-3.5" />
        <kbd className="hidden font-sans 2xl:inline">Ctrl K</kbd>
      </button>
      <NotificationCentre />
      <button
        type="button"
        onClick={() => openOverlay('settings')}
        aria-label="Workspace settings"
        title="Workspace settings"
        className="hidden size-8 items-center justify-center rounded-md text-muted hover:bg-hover hover:text-fg sm:flex"
      >
        <Settings aria-hidden className="size-4" />
      </button>
      <UserMenu />
    </header>
  );
}
