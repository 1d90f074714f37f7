import { useEffect, useState, type RefObject } from 'react';
import { afterNextPaint } from '../../afterPaint';
import { Panel } from '../../ui/Panel';
import { SkeletonRows } from '../../ui/Skeleton';
import { usePositions } from '../positions/usePositions';

// The dashboard's first view is the positions grid. Creating the orders and fills grids is a long
// task each (≈ 80 ms warm, twice that cold); created together with positions they run before the
// frame that shows the first positions row, or right after it. So they wait until that row has
// been painted and the browser is idle, and show their skeleton meanwhile; so do the order ticket
// and the activity feed (DashboardPage.tsx), whose data and rendering also ran before that row.

/** How long an idle callback may wait before it runs anyway (a busy page still completes). */
const IDLE_TIMEOUT_MS = 2_000;
/** Positions that never show (socket down, topic refused) must not hide the rest for good. */
const GIVE_UP_MS = 10_000;

// Once open, the gate stays open for the page's lifetime: a later visit to the dashboard has its
// data cached and the grids take turns (grid/gridTurn.ts).
let opened = false;

/** Runs `run` after the next frame has been painted, once the browser is idle. */
function afterPaintWhenIdle(run: () => void): () => void {
  let idle: number | undefined;
  const cancelPaint = afterNextPaint(() => {
    if (typeof requestIdleCallback === 'function')
      idle = requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
    else run(); // Safari: no idle callbacks; the frame is already painted
  });
  return () => {
    cancelPaint();
    if (idle !== undefined) cancelIdleCallback(idle);
  };
}

/** Calls `found` once `root` holds a grid row, now or after a later change of its DOM. */
function whenRowShown(root: HTMLElement, found: () => void): () => void {
  const hasRow = () => root.querySelector('[row-id]') !== null;
  if (hasRow()) {
    found();
    return () => undefined;
  }
  const watch = new MutationObserver(() => {
    if (!hasRow()) return;
    watch.disconnect();
    found();
  });
  watch.observe(root, { childList: true, subtree: true });
  return () => watch.disconnect();
}

/**
 * False until the positions grid inside `positionsPanel` has painted its first row (or its empty
 * state, when there are no positions) and the browser has been idle since; then true for good.
 */
export function useFirstViewShown(positionsPanel: RefObject<HTMLElement | null>): boolean {
  const [open, setOpen] = useState(opened);
  const positions = usePositions();
  const empty = positions?.length === 0;
  useEffect(() => {
    const root = positionsPanel.current;
    if (open || !root) return;
    let cancelIdle = () => undefined as void;
    const openGate = () => {
      cancelIdle();
      opened = true;
      setOpen(true);
    };
    const shown = () => {
      cancelIdle = afterPaintWhenIdle(openGate);
    };
    let stopWatching = () => undefined as void;
    if (empty) shown();
    else stopWatching = whenRowShown(root, shown);
    const giveUp = setTimeout(openGate, GIVE_UP_MS);
    return () => {
      stopWatching();
      cancelIdle();
      clearTimeout(giveUp);
    };
  }, [open, empty, positionsPanel]);
  return open;
}

/** A panel's frame with skeleton rows, the size of the panel it stands in for (no layout shift). */
export function PanelSkeleton({
  title,
  testId,
  className,
  label,
}: {
  title: string;
  testId: string;
  className: string;
  label: string;
}) {
  return (
    <Panel title={title} testId={testId} className={className}>
      <div className="absolute inset-0">
        <SkeletonRows label={label} />
      </div>
    </Panel>
  );
}
