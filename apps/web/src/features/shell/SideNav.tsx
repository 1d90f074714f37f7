import { Link } from '@tanstack/react-router';
import type { Permission } from '@qd/contracts';
import {
  LayoutDashboard,
  UserCog,
  UserRound,
  OctagonX,
  PanelLeftClose,
  PanelLeftOpen,
  type LucideIcon,
} from 'lucide-react';
import { useState } from 'react';
import { useSession } from '../auth/session';

interface NavItem {
  to: '/' | '/kill-switch' | '/profile' | '/admin/users';
  label: string;
  Icon: LucideIcon;
  /** Shown only to roles with this permission (the server refuses the rest anyway). */
  needs?: Permission;
}

/** Only pages that exist; other groups arrive with their features. */
const GROUPS: { title: string; items: NavItem[] }[] = [
  {
    title: 'Trade',
    items: [
      { to: '/', label: 'Dashboard', Icon: LayoutDashboard },
      { to: '/kill-switch', label: 'Kill switch', Icon: OctagonX },
    ],
  },
  {
    title: 'Account',
    items: [
      { to: '/profile', label: 'Profile', Icon: UserRound },
      { to: '/admin/users', label: 'Users', Icon: UserCog, needs: 'users:read' },
    ],
  },
];

const STORAGE_KEY = 'qd.nav.collapsed';

export function SideNav() {
  const session = useSession();
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(STORAGE_KEY) === '1');
  const toggle = () => {
    localStorage.setItem(STORAGE_KEY, collapsed ? '0' : '1');
    setCollapsed(!collapsed);
  };
  // Below md the nav is always icons only.
  const label = collapsed ? 'sr-only' : 'sr-only md:not-sr-only';
  return (
    <nav
      aria-label="Main"
      className={`flex shrink-0 flex-col border-r border-line bg-panel ${collapsed ? 'w-12' : 'w-12 md:w-48'}`}
    >
      <div className="flex-1 overflow-y-auto py-2">
        {GROUPS.map((g) => (
          <div key={g.title} className="mb-2">
            <p className="px-4 pt-1 pb-1 text-xs font-semibold tracking-wide text-faint uppercase">
              <span className={label}>{g.title}</span>
            </p>
            <ul>
              {g.items
                .filter((i) => !i.needs || session?.permissions.includes(i.needs))
                .map(({ to, label: text, Icon }) => (
                  <li key={to}>
                    <Link
                      to={to}
                      title={text}
                      activeOptions={{ exact: true }}
                      className="mx-2 flex h-8 items-center gap-2.5 rounded-md px-2 text-ui text-muted hover:bg-hover hover:text-fg"
                      activeProps={{ className: 'bg-raised !text-fg', 'aria-current': 'page' }}
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
        onClick={toggle}
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
