import { Link } from '@tanstack/react-router';
import { PanelLeftClose, PanelLeftOpen } from 'lucide-react';
import { useSession } from '../auth/session';
import { usePreferences } from '../preferences/usePreferences';
import { visibleNav } from './navItems';

/** Grouped, permission-aware navigation; collapsed to icons by preference (or below md). */
export function SideNav() {
  const session = useSession();
  const { prefs, update } = usePreferences();
  const collapsed = prefs.navCollapsed;
  const groups = visibleNav(session?.permissions ?? []);
  // Below md the nav is always icons only.
  const label = collapsed ? 'sr-only' : 'sr-only md:not-sr-only';
  return (
    <nav
      aria-label="Main"
      data-testid="side-nav"
      className={`flex shrink-0 flex-col border-r border-line bg-panel ${collapsed ? 'w-12' : 'w-12 md:w-48'}`}
    >
      <div className="flex-1 overflow-y-auto py-2">
        {groups.map((g) => (
          <div key={g.group} className="mb-2">
            <p className="px-4 pt-1 pb-1 text-xs font-semibold tracking-wide text-faint uppercase">
              <span className={label}>{g.group}</span>
            </p>
            <ul>
              {g.items.map(({ to, label: text, Icon }) => (
                <li key={to}>
                  <Link
                    to={to}
                    title={text}
                    activeOptions={{ exact: true }}
                    className="mx-2 flex h-8 items-center gap-2.5 rounded-md border-l-2 border-transparent px-2 text-ui text-muted hover:bg-hover hover:text-fg"
                    activeProps={{
                      className: 'bg-raised !border-accent !text-fg',
                      'aria-current': 'page',
                    }}
                  >
                    <Icon aria-hidden className="size-4 shrink-0" />
                    <span className={label}>{text}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      <button
        type="button"
        onClick={() => update({ navCollapsed: !collapsed })}
        aria-label={collapsed ? 'Expand navigation' : 'Collapse navigation'}
        aria-expanded={!collapsed}
        className="hidden h-10 items-center gap-2.5 border-t border-line px-4 text-xs text-muted hover:bg-hover hover:text-fg md:flex"
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
