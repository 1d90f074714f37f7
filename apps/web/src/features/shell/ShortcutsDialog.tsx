import { Dialog } from '../../ui/Dialog';
import { openOverlay, SHORTCUTS, useOverlay } from './overlays';

/** `?`: every keyboard shortcut in one list. */
export function ShortcutsDialog() {
  const open = useOverlay() === 'shortcuts';
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => openOverlay(o ? 'shortcuts' : null)}
      title="Keyboard shortcuts"
    >
      <dl
        data-testid="shortcuts"
        className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2 text-ui"
      >
        {SHORTCUTS.map((s) => (
          <div key={s.what} className="contents">
            <dt className="flex gap-1">
              {s.keys.map((k) => (
                <kbd
                  key={k}
                  className="num min-w-6 rounded-sm border border-line-strong bg-panel px-1.5 text-center text-xs"
                >
                  {k}
                </kbd>
              ))}
            </dt>
            <dd className="text-muted">{s.what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
