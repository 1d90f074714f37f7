import { X } from 'lucide-react';
import { useId, type ReactNode } from 'react';
import { ModalLayer } from './ModalLayer';

interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  tone?: 'default' | 'danger';
  children: ReactNode;
}

/** A modal with a title; Esc and the close button dismiss it, focus stays inside while open. */
export function Dialog(props: DialogProps) {
  // Mounted only while open, so the layer sees the focus as it was before the dialog opened.
  return props.open ? <OpenDialog {...props} /> : null;
}

function OpenDialog({ onOpenChange, title, description, tone = 'default', children }: DialogProps) {
  const id = useId();
  const close = () => onOpenChange(false);
  return (
    <ModalLayer
      onDismiss={close}
      labelledBy={`${id}-title`}
      describedBy={`${id}-description`}
      overlayClassName="fixed inset-0 z-40 bg-black/60"
      className={`fixed top-1/2 left-1/2 z-50 flex w-[min(480px,calc(100vw-24px))] -translate-x-1/2 -translate-y-1/2 flex-col gap-4 rounded-lg border bg-raised p-5 text-fg ${
        tone === 'danger' ? 'border-danger/60' : 'border-line-strong'
      }`}
    >
      <div className="flex items-start justify-between gap-4">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {title}
        </h2>
        <button
          type="button"
          aria-label="Close"
          onClick={close}
          className="order-last -m-1 rounded-sm p-1 text-muted hover:bg-hover hover:text-fg"
        >
          <X className="size-4" aria-hidden />
        </button>
      </div>
      {description ? (
        <p id={`${id}-description`} className="text-sm text-fg">
          {description}
        </p>
      ) : (
        <p id={`${id}-description`} className="sr-only">
          {title}
        </p>
      )}
      {children}
    </ModalLayer>
  );
}
