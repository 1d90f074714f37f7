import { Maximize2, Minimize2 } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';

interface PanelProps {
  title: string;
  /** Right side of the title row: counts, actions, the stale marker. */
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
  /** Offer a maximise button: the panel then fills the window below the header (Esc restores). */
  maximisable?: boolean;
}

/** A titled data panel: hairline border, no shadow, content scrolls inside. */
export function Panel({
  title,
  actions,
  children,
  className = '',
  testId,
  maximisable,
}: PanelProps) {
  const [max, setMax] = useState(false);
  useEffect(() => {
    if (!max) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setMax(false);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [max]);
  return (
    <section
      data-testid={testId}
      aria-label={title}
      className={`flex min-h-0 min-w-0 flex-col rounded-lg border border-line bg-panel ${
        max ? 'fixed inset-x-2 top-14 bottom-2 z-30' : className
      }`}
    >
      <header className="flex h-8 shrink-0 items-center justify-between gap-2 border-b border-line px-3">
        <h2 className="truncate text-xs font-semibold tracking-wide text-muted uppercase">
          {title}
        </h2>
        <div className="flex items-center gap-2 text-xs text-muted">
          {actions}
          {maximisable && (
            <button
              type="button"
              onClick={() => setMax(!max)}
              aria-label={max ? `Restore ${title}` : `Maximise ${title}`}
              aria-pressed={max}
              title={max ? 'Restore (Esc)' : 'Maximise'}
              className="flex size-6 items-center justify-center rounded-sm text-muted hover:bg-hover hover:text-fg"
            >
              {max ? (
                <Minimize2 aria-hidden className="size-3.5" />
              ) : (
                <Maximize2 aria-hidden className="size-3.5" />
              )}
            </button>
          )}
        </div>
      </header>
      <div className="relative min-h-0 flex-1">{children}</div>
    </section>
  );
}
