/** Placeholder rows in the final layout while the first snapshot is on its way. */
export function SkeletonRows({ rows = 6, label }: { rows?: number; label: string }) {
  return (
    <div role="status" aria-label={label} className="flex flex-col gap-2 p-3">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton h-4" style={{ width: `${92 - ((i * 17) % 35)}%` }} />
      ))}
    </div>
  );
}

export function SkeletonText({ width = '6rem' }: { width?: string }) {
  return <span aria-hidden className="skeleton inline-block h-4 align-middle" style={{ width }} />;
}
