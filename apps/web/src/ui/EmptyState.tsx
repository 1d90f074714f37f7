import type { ReactNode } from 'react';

/** Says what is empty and what to do about it. Sits over a grid body without moving it. */
export function EmptyState({
  title,
  hint,
  overlay,
}: {
  title: string;
  hint?: ReactNode;
  overlay?: boolean;
}) {
  return (
    <div
      className={`flex flex-col items-center justify-center gap-1 p-4 text-center ${
        overlay ? 'pointer-events-none absolute inset-x-0 top-8 bottom-0' : 'h-full'
      }`}
    >
      <p className="text-ui text-muted">{title}</p>
      {hint && <p className="text-xs text-faint">{hint}</p>}
    </div>
  );
}
