import { PanelLeftClose, PanelLeftOpen } from 'lucide-react';
import { usePreferences } from '../preferences/usePreferences';
import { NavList } from './NavList';

/** Grouped, permission-aware navigation; collapsible to icons (saved per user). Not on phones. */
export function SideNav() {
  const { prefs, update } = usePreferences();
  const collapsed = prefs.navCollapsed;
  const label = collapsed ? 'sr-only' : 'sr-only lg:not-sr-only';
  return (
    <nav
      aria-label="Main"
      data-testid="side-nav"
      className={`hidden shrink-0 flex-col border-r border-line bg-panel md:flex ${collapsed ? 'w-12' : 'w-12 lg:w-48'}`}
    >
      <div className="flex-1 overflow-y-auto py-2">
        <NavList labelClass={label} />
      </div>
      <button
        type="button"
        onClick={() => void update({ navCollapsed: !collapsed })}
        aria-label={collapsed ? 'Expand navigation' : 'Collapse navigation'}
        aria-expanded={!collapsed}
        className="hidden h-10 items-center gap-2.5 border-t border-line px-4 text-xs text-muted hover:bg-hover hover:text-fg lg:flex"
      >
        {collapsed ? (
          <PanelLeftOpen aria-hidden className="size-4" />
        ) : (
          <PanelLeftClose aria-hidden className="size-4" />
        )}
        <span className={label}>Collapse</span>
      </button>
    </nav>
  );
}
