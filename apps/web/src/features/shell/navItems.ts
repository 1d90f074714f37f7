import type { Permission } from '@qd/contracts';
import type { LinkProps } from '@tanstack/react-router';
import {
  Bot,
  Gauge,
  Layers,
  LayoutDashboard,
  OctagonX,
  SlidersHorizontal,
  UserCog,
  UserRound,
  type LucideIcon,
} from 'lucide-react';

export const NAV_GROUPS = [
  'Trade',
  'Monitor',
  'Analysis',
  'Research',
  'Data',
  'Admin',
  'Account',
] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

export interface NavItem {
  to: NonNullable<LinkProps['to']>;
  label: string;
  group: NavGroup;
  Icon: LucideIcon;
  /** Hidden from roles without it (the server checks again on every request). */
  permission: Permission;
  /** Extra words the command palette matches. */
  keywords?: string;
}

/**
 * Every page in the navigation, in order. Only pages that exist are listed; a group with no
 * visible page is not shown. Adding a page = one line here and one route.
 */
export const NAV_ITEMS: NavItem[] = [
  {
    to: '/',
    label: 'Dashboard',
    group: 'Trade',
    Icon: LayoutDashboard,
    permission: 'portfolio:read',
    keywords: 'positions orders fills ticket home',
  },
  {
    to: '/kill-switch',
    label: 'Kill switch',
    group: 'Trade',
    Icon: OctagonX,
    permission: 'killswitch:read',
    keywords: 'halt stop resume emergency',
  },
  {
    to: '/controls',
    label: 'Controls',
    group: 'Trade',
    Icon: SlidersHorizontal,
    permission: 'portfolio:read',
    keywords: 'pause entries cancel all flatten limits close',
  },
  {
    to: '/breaker',
    label: 'Circuit breaker',
    group: 'Trade',
    Icon: Gauge,
    permission: 'killswitch:read',
    keywords: 'breaker trip reset daily loss drawdown',
  },
  {
    to: '/strategies',
    label: 'Strategies',
    group: 'Trade',
    Icon: Bot,
    permission: 'portfolio:read',
    keywords: 'algo enable disable bots',
  },
  {
    to: '/twap',
    label: 'TWAP',
    group: 'Trade',
    Icon: Layers,
    permission: 'orders:read',
    keywords: 'slices schedule execution parent',
  },
  {
    to: '/admin/users',
    label: 'Users',
    group: 'Admin',
    Icon: UserCog,
    permission: 'users:read',
    keywords: 'roles accounts people mfa',
  },
  {
    to: '/profile',
    label: 'Profile',
    group: 'Account',
    Icon: UserRound,
    permission: 'profile:self',
    keywords: 'password sessions api keys mfa me',
  },
];

/** The navigation a user with these permissions sees: groups in order, empty ones dropped. */
export function visibleNav(
  permissions: readonly string[],
): { group: NavGroup; items: NavItem[] }[] {
  return NAV_GROUPS.map((group) => ({
    group,
    items: NAV_ITEMS.filter((i) => i.group === group && permissions.includes(i.permission)),
  })).filter((g) => g.items.length > 0);
}
