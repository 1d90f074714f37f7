import { ArrowDownRight, ArrowUpRight, OctagonX, ReceiptText } from 'lucide-react';
import { useMemo } from 'react';
import { formatDateTime, formatTime, ZONE_LABEL } from '../../format/time';
import { useTopic } from '../../live/useTopic';
import { EmptyState } from '../../ui/EmptyState';
import { Panel } from '../../ui/Panel';
import { SkeletonRows } from '../../ui/Skeleton';
import { useFills, useOrders } from '../orders/useOrders';
import { buildActivity, type Activity } from './activity';

const TONE: Record<Activity['tone'], string> = {
  up: 'text-up',
  down: 'text-down',
  neutral: 'text-muted',
  alert: 'text-warn',
};

function iconFor(a: Activity) {
  if (a.kind === 'killswitch') return OctagonX;
  if (a.kind === 'order') return ReceiptText;
  return a.tone === 'down' ? ArrowDownRight : ArrowUpRight;
}

export function ActivityFeed() {
  const fills = useFills();
  const orders = useOrders();
  const killSwitch = useTopic('killswitch');
  const loading = fills === undefined && orders === undefined && killSwitch === undefined;
  const items = useMemo(
    () => buildActivity(fills, orders, killSwitch?.history),
    [fills, orders, killSwitch],
  );

  return (
    <Panel
      title="Activity"
      testId="activity-feed"
      className="min-h-[200px]"
      actions={<span>{ZONE_LABEL}</span>}
    >
      {loading ? (
        <SkeletonRows label="Loading activity" />
      ) : items.length === 0 ? (
        <EmptyState
          title="No activity yet today"
          hint="Fills, order changes and kill-switch changes show up here."
        />
      ) : (
        <ol className="absolute inset-0 overflow-y-auto">
          {items.map((a) => {
            const Icon = iconFor(a);
            return (
              <li key={a.id} className="flex gap-2 border-b border-line px-3 py-1.5 last:border-0">
                <time
                  dateTime={a.at}
                  title={formatDateTime(a.at)}
                  className="num shrink-0 text-xs text-faint"
                >
                  {formatTime(a.at)}
                </time>
                <Icon aria-hidden className={`mt-px size-3.5 shrink-0 ${TONE[a.tone]}`} />
                <div className="min-w-0 text-xs">
                  <p className="num">{a.text}</p>
                  {a.detail && (
                    <p className="truncate text-faint" title={a.detail}>
                      {a.detail}
                    </p>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </Panel>
  );
}
