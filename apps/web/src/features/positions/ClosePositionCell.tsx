import type { Position } from '@qd/contracts';
import type { CustomCellRendererProps } from 'ag-grid-react';
import { useState } from 'react';
import { Button } from '../../ui/Button';
import { useTradingGate } from '../orders/useTradingGate';
import { ClosePositionDialog } from './ClosePositionDialog';

/** Per-row Close button (not on the totals row); disabled with the reason when trading is. */
export function ClosePositionCell({ data, node }: CustomCellRendererProps<Position>) {
  const gate = useTradingGate();
  const [open, setOpen] = useState(false);
  if (!data || node.rowPinned) return null;
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
      {open && <ClosePositionDialog position={data} onClose={() => setOpen(false)} />}
    </span>
  );
}
