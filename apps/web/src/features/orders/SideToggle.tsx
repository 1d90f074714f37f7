import type { OrderSide } from '@qd/contracts';

/** Buy/Sell as two pressed-state buttons. */
export function SideToggle({
  value,
  onChange,
}: {
  value: OrderSide;
  onChange: (side: OrderSide) => void;
}) {
  const btn = (side: OrderSide, label: string, on: string) => (
    <button
      type="button"
      aria-pressed={value === side}
      onClick={() => onChange(side)}
      className={`h-8 flex-1 text-ui font-semibold transition-colors disabled:cursor-not-allowed disabled:opacity-50 ${
        value === side ? on : 'bg-transparent text-muted hover:bg-hover hover:text-fg'
      }`}
    >
      {label}
    </button>
  );
  return (
    <div
      role="group"
      aria-label="Side"
      className="flex overflow-hidden rounded-md border border-line-strong"
    >
      {btn('buy', 'Buy', 'bg-buy text-white')}
      <span aria-hidden className="w-px bg-line-strong" />
      {btn('sell', 'Sell', 'bg-danger-strong text-white')}
    </div>
  );
}
