import { EngageKillSwitchRequest } from '@qd/contracts';
import { useState, type FormEvent } from 'react';
import { engageKillSwitch } from '../../api/endpoints';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ReasonField } from './ReasonField';
import { useKillSwitchAction } from './useKillSwitchAction';

/** Halts all trading. Red, reason required, Cancel first. */
export function EngageDialog({ onClose }: { onClose: () => void }) {
  const [reason, setReason] = useState('');
  const { submit, busy, error, setError } = useKillSwitchAction(
    engageKillSwitch,
    'Kill switch engaged: trading halted',
  );

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const parsed = EngageKillSwitchRequest.safeParse({ reason });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'invalid reason');
    if (await submit(parsed.data.reason)) onClose();
  }

  return (
    <Dialog
      open
      tone="danger"
      onOpenChange={(open) => !open && !busy && onClose()}
      title="Engage kill switch"
      description="Every working order is cancelled and every new order is rejected until trading is resumed."
    >
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        <ReasonField
          value={reason}
          error={error}
          onChange={(v) => {
            setReason(v);
            setError(null);
          }}
        />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" busy={busy}>
            Engage
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
