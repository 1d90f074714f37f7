import type { ReactNode } from 'react';

/** A plain, compact table for the control pages (headers, rows, an empty line). */
export function Table({
  head,
  rows,
  rowKeys,
  empty,
  testId,
}: {
  head: string[];
  rows: ReactNode[][] | undefined;
  /** Stable row identities, so a row's buttons never change meaning under the pointer. */
  rowKeys?: string[] | undefined;
  empty: string;
  testId?: string;
}) {
  return (
    <div className="max-h-[360px] min-h-0 overflow-auto">
      <table data-testid={testId} className="w-full border-collapse text-left text-ui">
        <thead className="sticky top-0 bg-panel text-xs text-muted">
          <tr className="border-b border-line">
            {head.map((h, i) => (
              <th key={i} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows?.map((cells, r) => (
            <tr key={rowKeys?.[r] ?? r} className="border-b border-line last:border-0">
              {cells.map((c, i) => (
                <td key={i} className="px-3 py-1.5 whitespace-nowrap">
                  {c}
                </td>
              ))}
            </tr>
          ))}
          {(!rows || rows.length === 0) && (
            <tr>
              <td colSpan={head.length} className="px-3 py-6 text-center text-muted">
                {rows ? empty : 'Loading…'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
