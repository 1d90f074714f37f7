import type { Position } from '@qd/contracts';
import { lazy, Suspense, useState } from 'react';
import type { PortalCellProps } from '../../grid/portalCells';
import { Button } from '../../ui/Button';
import { useTradingGate } from '../orders/useTradingGate';
import { usePosition } from './usePositions';

// Loaded on the first Close click: the dashboard's first view does not need the dialog.
const ClosePositionDialog = lazy(() =>
  import('./ClosePositionDialog').then((m) => ({ default: m.ClosePositionDialog })),
);

/**
 * Per-row Close button; disabled with the reason when trading is. The grid does not re-render it
 * when the row's numbers tick (its column's value is the symbol), so the dialog reads the live
 * position itself.
 */
export function ClosePositionCell({ data }: PortalCellProps<Position>) {
  const gate = useTradingGate();
  const [open, setOpen] = useState(false);
  return (
    <span
      title={gate.reason ?? `Close the ${data.symbol} position at market`}
      className="inline-flex"
    >
      <Button
        size="sm"
        variant="outline"
        disabled={!gate.allowed}
        onClick={() => setOpen(true)}
        aria-label={`Close ${data.symbol} position`}
      >
        Close
      </Button>
      {open && (
        <Suspense fallback={null}>
          <LiveCloseDialog symbol={data.symbol} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </span>
  );
}

function LiveCloseDialog({ symbol, onClose }: { symbol: string; onClose: () => void }) {
  const position = usePosition(symbol);
  return position ? <ClosePositionDialog position={position} onClose={onClose} /> : null;
}
