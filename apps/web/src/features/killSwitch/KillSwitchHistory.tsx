import type { KillSwitchEvent } from '@qd/contracts';
import { formatDateTime } from '../../format/time';

/** Every engage and release, newest first. */
export function KillSwitchHistory({ events }: { events: KillSwitchEvent[] | undefined }) {
  const rows = events ? [...events].sort((a, b) => b.at.localeCompare(a.at)) : undefined;
  return (
    <div className="min-h-0 overflow-auto">
      <table data-testid="killswitch-history" className="w-full border-collapse text-left text-ui">
        <thead className="sticky top-0 bg-panel text-xs text-muted">
          <tr className="border-b border-line">
            <th scope="col" className="px-3 py-2 font-medium">
              Time
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Action
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Actor
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Reason
            </th>
          </tr>
        </thead>
        <tbody>
          {rows?.map((e) => (
            <tr key={e.id} className="border-b border-line last:border-0">
              <td className="num px-3 py-2 whitespace-nowrap text-muted">{formatDateTime(e.at)}</td>
              <td
                className={`px-3 py-2 font-medium whitespace-nowrap ${e.action === 'engage' ? 'text-down' : 'text-up'}`}
              >
                {e.action === 'engage' ? 'Engaged' : 'Released'}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{e.actor}</td>
              <td className="px-3 py-2">{e.reason}</td>
            </tr>
          ))}
          {rows?.length === 0 && (
            <tr>
              <td colSpan={4} className="px-3 py-6 text-center text-muted">
                The kill switch has never been engaged.
              </td>
            </tr>
          )}
          {!rows && (
            <tr>
              <td colSpan={4} className="px-3 py-6 text-center text-muted">
                Loading history…
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
