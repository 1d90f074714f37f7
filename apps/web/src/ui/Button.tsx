import type { ButtonHTMLAttributes } from 'react';
import { Loader2 } from 'lucide-react';

type Variant = 'primary' | 'danger' | 'buy' | 'sell' | 'ghost' | 'outline';

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-accent-strong text-white hover:bg-accent border-transparent',
  danger: 'bg-danger-strong text-white hover:bg-danger border-transparent',
  buy: 'bg-buy text-white hover:bg-buy-strong border-transparent',
  sell: 'bg-danger-strong text-white hover:bg-danger border-transparent',
  ghost: 'bg-transparent text-fg hover:bg-hover border-transparent',
  outline: 'bg-transparent text-fg hover:bg-hover border-line-strong',
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: 'sm' | 'md';
  busy?: boolean;
}

/** The one button. `busy` shows a spinner and blocks further presses. */
export function Button({
  variant = 'outline',
  size = 'md',
  busy,
  disabled,
  className = '',
  children,
  ...rest
}: ButtonProps) {
  const sizing = size === 'sm' ? 'h-6 px-2 text-xs' : 'h-8 px-3 text-ui';
  return (
    <button
      type="button"
      {...rest}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      className={`inline-flex items-center justify-center gap-1.5 rounded-md border font-medium whitespace-nowrap transition-colors active:translate-y-px disabled:cursor-not-allowed disabled:opacity-45 disabled:active:translate-y-0 ${sizing} ${VARIANTS[variant]} ${className}`}
    >
      {busy && <Loader2 aria-hidden className="size-3.5 animate-spin" />}
      {children}
    </button>
  );
}
