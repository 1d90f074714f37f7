import type { ReactNode } from 'react';

interface PanelProps {
  title: string;
  /** Right side of the title row: counts, actions, the stale marker. */
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}

/** A titled data panel: hairline border, no shadow, content scrolls inside. */
export function Panel({ title, actions, children, className = '', testId }: PanelProps) {
  return (
    <section
      data-testid={testId}
      aria-label={title}
      className={`flex min-h-0 min-w-0 flex-col rounded-lg border border-line bg-panel ${className}`}
    >
      <header className="flex h-8 shrink-0 items-center justify-between gap-2 border-b border-line px-3">
        <h2 className="truncate text-xs font-semibold tracking-wide text-muted uppercase">
          {title}
        </h2>
        <div className="flex items-center gap-2 text-xs text-muted">{actions}</div>
      </header>
      <div className="relative min-h-0 flex-1">{children}</div>
    </section>
  );
}
