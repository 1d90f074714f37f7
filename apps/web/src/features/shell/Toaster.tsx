import { CheckCircle2, Info, X, XCircle } from 'lucide-react';
import { dismissToast, useToasts, type ToastTone } from './toasts';

const ICONS: Record<ToastTone, typeof Info> = { success: CheckCircle2, error: XCircle, info: Info };
const TONES: Record<ToastTone, string> = {
  success: 'border-up/50 [&_svg.tone]:text-up',
  error: 'border-down/60 [&_svg.tone]:text-down',
  info: 'border-line-strong [&_svg.tone]:text-accent',
};

/** Outcome toasts, bottom right, announced politely to screen readers. */
export function Toaster() {
  const toasts = useToasts();
  return (
    <div className="pointer-events-none fixed right-4 bottom-4 z-[60] flex w-[360px] max-w-[calc(100vw-32px)] flex-col gap-2">
      {toasts.map((t) => {
        const Icon = ICONS[t.tone];
        return (
          <div
            key={t.id}
            role="status"
            className={`pointer-events-auto flex items-start gap-2 rounded-lg border bg-raised p-3 ${TONES[t.tone]}`}
          >
            <Icon aria-hidden className="tone mt-px size-4 shrink-0" />
            <div className="min-w-0 flex-1">
              <p className="text-ui font-medium">{t.title}</p>
              {t.detail && <p className="mt-0.5 text-xs text-muted">{t.detail}</p>}
            </div>
            <button
              type="button"
              aria-label="Dismiss"
              onClick={() => dismissToast(t.id)}
              className="rounded-sm p-0.5 text-muted hover:bg-hover hover:text-fg"
            >
              <X aria-hidden className="size-3.5" />
            </button>
          </div>
        );
      })}
    </div>
  );
}
