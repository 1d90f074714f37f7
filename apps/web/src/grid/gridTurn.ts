import { useLayoutEffect, useState } from 'react';
import { afterNextPaint } from '../afterPaint';

// Creating an AG Grid (its DOM, styles and first rows) is one long task. When a page shows
// several grids whose data arrives together, they are created one per frame in mount order, so
// the first (positions on the dashboard) paints without waiting for the others.
const waiting: Array<() => void> = [];
let busy = false;

/** Hands the next turn out after the frame that showed the grid just created. */
function passOn(): void {
  afterNextPaint(() => {
    const go = waiting.shift();
    if (go) go();
    else busy = false;
  });
}

/** True once this grid may be created; asks for a turn only when `wanted` (its rows are there). */
export function useGridTurn(wanted: boolean): boolean {
  const [ready, setReady] = useState(false);
  useLayoutEffect(() => {
    if (ready || !wanted) return;
    let done = false;
    const go = () => {
      done = true;
      setReady(true);
      passOn();
    };
    if (!busy) {
      busy = true;
      return go(); // a layout-effect update renders before paint: no frame lost
    }
    waiting.push(go);
    return () => {
      if (!done) waiting.splice(waiting.indexOf(go), 1);
    };
  }, [ready, wanted]);
  return ready;
}
