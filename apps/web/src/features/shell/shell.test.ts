import { DEFAULT_PREFERENCES, ROLE_PERMISSIONS } from '@qd/contracts';
import { marketClock } from '@qd/domain/calendar';
import { describe, expect, it } from 'vitest';
import { buildCommands, filterCommands } from './commands';
import { formatCountdown, nextChangeText } from './marketClockText';
import { NAV_GROUPS, NAV_ITEMS, visibleNav } from './navItems';

describe('navigation', () => {
  it('shows only the groups that have a page the role may open, in the fixed order', () => {
    const groups = visibleNav(ROLE_PERMISSIONS.admin);
    expect(groups.map((g) => g.group)).toEqual(
      NAV_GROUPS.filter((g) => NAV_ITEMS.some((i) => i.group === g)),
    );
    expect(groups.every((g) => g.items.length > 0)).toBe(true);
  });

  it('hides pages whose permission the role lacks, and everything without a session', () => {
    expect(visibleNav([])).toEqual([]);
    const only = visibleNav(['portfolio:read']).flatMap((g) => g.items.map((i) => i.label));
    expect(only).toEqual(['Dashboard', 'Controls', 'Strategies']);
    expect(only).not.toContain('Users');
  });
});

describe('command palette', () => {
  const commands = buildCommands({
    pages: NAV_ITEMS,
    go: () => undefined,
    prefs: DEFAULT_PREFERENCES,
    update: async () => undefined,
  });

  it('matches every word against labels and keywords, label matches first', () => {
    expect(filterCommands(commands, 'kill')[0]!.label).toBe('Kill switch');
    expect(filterCommands(commands, 'light')[0]!.label).toBe('Switch to light theme');
    expect(filterCommands(commands, 'colour blind').map((c) => c.id)).toEqual(['palette']);
    expect(filterCommands(commands, 'no such thing')).toEqual([]);
    expect(filterCommands(commands, '  ')).toHaveLength(commands.length);
  });
});

describe('market clock text', () => {
  it('counts down in a fixed shape', () => {
    expect(formatCountdown(45_000)).toBe('45s');
    expect(formatCountdown(12 * 60_000 + 9_000)).toBe('12m 09s');
    expect(formatCountdown(2 * 3_600_000 + 5 * 60_000)).toBe('2h 05m');
    expect(formatCountdown(50 * 3_600_000)).toBe('2d 2h');
    expect(formatCountdown(-5)).toBe('0s');
  });

  it('says what comes next', () => {
    const now = Date.parse('2026-11-25T19:00:00Z'); // 14:00 New York, regular session
    expect(nextChangeText(marketClock(now), now)).toBe('closes in 2h 00m');
    const night = Date.parse('2026-11-25T06:00:00Z'); // 01:00 New York
    expect(nextChangeText(marketClock(night), night)).toBe('pre-market in 3h 00m');
  });
});
