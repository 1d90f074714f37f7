import type { Preferences, PreferencesPatch } from '@qd/contracts';
import type { LucideIcon } from 'lucide-react';
import { Bell, Keyboard, Moon, Palette, Settings, Sun } from 'lucide-react';
import type { NavItem } from './navItems';
import { openOverlay } from './overlays';

export interface Command {
  id: string;
  label: string;
  section: 'Go to' | 'Actions';
  Icon: LucideIcon;
  keywords: string;
  run: () => void;
}

interface Context {
  pages: NavItem[];
  go: (to: NavItem['to']) => void;
  prefs: Preferences;
  update: (patch: PreferencesPatch) => Promise<void>;
}

/** Everything the palette can do for this user: the pages they may open, then actions. */
export function buildCommands({ pages, go, prefs, update }: Context): Command[] {
  const light = prefs.theme === 'light';
  return [
    ...pages.map((p) => ({
      id: `go:${p.to}`,
      label: p.label,
      section: 'Go to' as const,
      Icon: p.Icon,
      keywords: `${p.group} ${p.keywords ?? ''}`,
      run: () => go(p.to),
    })),
    {
      id: 'theme',
      label: light ? 'Switch to dark theme' : 'Switch to light theme',
      section: 'Actions',
      Icon: light ? Moon : Sun,
      keywords: 'theme appearance dark light mode',
      run: () => void update({ theme: light ? 'dark' : 'light' }),
    },
    {
      id: 'palette',
      label:
        prefs.palette === 'colorblind'
          ? 'Use green / red colours'
          : 'Use colour-blind safe colours (blue / orange)',
      section: 'Actions',
      Icon: Palette,
      keywords: 'colour color blind palette accessibility',
      run: () =>
        void update({ palette: prefs.palette === 'colorblind' ? 'standard' : 'colorblind' }),
    },
    {
      id: 'quiet',
      label: prefs.quietMode ? 'Turn quiet mode off' : 'Turn quiet mode on',
      section: 'Actions',
      Icon: Bell,
      keywords: 'notifications quiet mute silence',
      run: () => void update({ quietMode: !prefs.quietMode }),
    },
    {
      id: 'settings',
      label: 'Workspace settings',
      section: 'Actions',
      Icon: Settings,
      keywords: 'preferences settings grid layout reset',
      run: () => openOverlay('settings'),
    },
    {
      id: 'shortcuts',
      label: 'Keyboard shortcuts',
      section: 'Actions',
      Icon: Keyboard,
      keywords: 'help keys ?',
      run: () => openOverlay('shortcuts'),
    },
  ];
}

/** Commands whose label or keywords contain every word of the query, best (label) matches first. */
export function filterCommands(commands: Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return commands;
  const scored = commands
    .map((c) => {
      const label = c.label.toLowerCase();
      const hay = `${label} ${c.keywords.toLowerCase()}`;
      if (!words.every((w) => hay.includes(w))) return null;
      const score =
        words.filter((w) => label.includes(w)).length + (label.startsWith(words[0]!) ? 1 : 0);
      return { c, score };
    })
    .filter((x): x is { c: Command; score: number } => x !== null);
  return scored.sort((a, b) => b.score - a.score).map((x) => x.c);
}
