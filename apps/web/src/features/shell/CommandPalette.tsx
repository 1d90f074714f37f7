import { useNavigate } from '@tanstack/react-router';
import { Search } from 'lucide-react';
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { focusOnMount } from '../../ui/focusOnMount';
import { ModalLayer } from '../../ui/ModalLayer';
import { useSession } from '../auth/session';
import { usePreferences } from '../preferences/usePreferences';
import { buildCommands, filterCommands } from './commands';
import { visibleNav } from './navItems';
import { openOverlay, useOverlay } from './overlays';

/** Ctrl+K or `/`: jump to a page or run an action by typing a few letters. */
export function CommandPalette() {
  return useOverlay() === 'palette' ? <OpenPalette /> : null;
}

function OpenPalette() {
  const titleId = useId();
  return (
    <ModalLayer
      onDismiss={() => openOverlay(null)}
      labelledBy={titleId}
      overlayClassName="fixed inset-0 z-40 bg-black/50"
      className="fixed top-[12vh] left-1/2 z-50 flex w-[min(560px,calc(100vw-24px))] -translate-x-1/2 flex-col rounded-lg border border-line-strong bg-raised text-fg"
    >
      <h2 id={titleId} className="sr-only">
        Command palette
      </h2>
      <PaletteBody />
    </ModalLayer>
  );
}

function PaletteBody() {
  const session = useSession();
  const navigate = useNavigate();
  const { prefs, update } = usePreferences();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const commands = useMemo(
    () =>
      buildCommands({
        pages: visibleNav(session?.permissions ?? []).flatMap((g) => g.items),
        go: (to) => void navigate({ to }),
        prefs,
        update,
      }),
    [session, navigate, prefs, update],
  );
  const shown = filterCommands(commands, query);
  const current = Math.min(active, Math.max(0, shown.length - 1));

  function run(i: number) {
    const cmd = shown[i];
    if (!cmd) return;
    openOverlay(null);
    cmd.run();
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((current + 1) % Math.max(1, shown.length));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((current - 1 + shown.length) % Math.max(1, shown.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(current);
    }
  }

  return (
    <>
      <div className="flex h-11 items-center gap-2 border-b border-line px-3">
        <Search aria-hidden className="size-4 text-muted" />
        <input
          ref={focusOnMount}
          role="combobox"
          aria-expanded
          aria-controls="palette-list"
          aria-activedescendant={shown[current] ? `cmd-${shown[current].id}` : undefined}
          aria-label="Type a command or page"
          placeholder="Go to a page or run an action…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          className="h-full flex-1 bg-transparent text-sm outline-none placeholder:text-faint"
        />
        <kbd className="rounded-sm border border-line-strong px-1.5 text-xs text-muted">Esc</kbd>
      </div>
      <ul
        id="palette-list"
        role="listbox"
        aria-label="Commands"
        className="max-h-[50vh] overflow-y-auto py-1"
      >
        {shown.length === 0 && (
          <li className="px-3 py-6 text-center text-ui text-muted">
            Nothing matches “{query}”. Try a page name such as “dashboard”.
          </li>
        )}
        {shown.map((c, i) => (
          <li
            key={c.id}
            id={`cmd-${c.id}`}
            role="option"
            aria-selected={i === current}
            onMouseMove={() => setActive(i)}
            onClick={() => run(i)}
            className={`mx-1 flex h-9 cursor-pointer items-center gap-2.5 rounded-md px-2 text-ui ${i === current ? 'bg-hover text-fg' : 'text-muted'}`}
          >
            <c.Icon aria-hidden className="size-4 shrink-0" />
            <span className="flex-1 truncate">{c.label}</span>
            <span className="text-xs text-faint">{c.section}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
