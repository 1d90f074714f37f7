import { DismissableLayer } from '@radix-ui/react-dismissable-layer';
import { FocusScope } from '@radix-ui/react-focus-scope';
import { hideOthers } from 'aria-hidden';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { afterNextPaintTasks } from '../afterPaint';

/** What Tab can reach, in document order; the first one that takes the focus gets it on open. */
const TABBABLE =
  'button:not(:disabled), [href], input:not(:disabled):not([type="hidden"]), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/** Focuses the panel's first control that accepts the focus, or else the panel itself. */
function focusFirst(panel: HTMLElement): void {
  for (const el of panel.querySelectorAll<HTMLElement>(TABBABLE)) {
    el.focus({ preventScroll: true });
    if (document.activeElement === el) {
      if (el instanceof HTMLInputElement) el.select();
      return;
    }
  }
  panel.focus({ preventScroll: true });
}

interface ModalLayerProps {
  /** Escape, or a press on the overlay around the panel. */
  onDismiss: () => void;
  /** The dimmed backdrop; it is what keeps the pointer off the page while the layer is open. */
  overlayClassName: string;
  /** The panel (role="dialog"). */
  className: string;
  labelledBy: string;
  describedBy?: string;
  children: ReactNode;
}

/**
 * A modal layer, mounted only while open: the panel traps focus (Tab loops), Escape or a press on
 * the overlay dismisses it, the rest of the page is hidden from assistive technology, and focus
 * goes back to what had it before the layer opened.
 *
 * Unlike Radix's Dialog it leaves `<body>` alone: a modal that sets `pointer-events: none` on the
 * body (an inherited property) makes the browser restyle the whole document inside the click that
 * opens it, and the grids make that document large. The overlay covers the page instead, and the
 * page needs no scroll lock because the shell never scrolls the document itself (only `<main>`,
 * which is not under the overlay in the DOM, so wheel and touch on the overlay do not reach it).
 *
 * The focus moves into the panel once the panel has been painted (unless a field inside took it
 * with `focusOnMount`): focusing a control forces the style and layout of the new panel, plus the
 * blur and focus events, inside the click that opens it, and that is time before the dialog shows.
 */
export function ModalLayer({
  onDismiss,
  overlayClassName,
  className,
  labelledBy,
  describedBy,
  children,
}: ModalLayerProps) {
  // Read while rendering, i.e. before the panel is committed: a child with `focusOnMount` takes the
  // focus during the commit, before any effect of ours could see what had it.
  const [returnFocusTo] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  const overlayRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const panel = panelRef.current;
    if (!panel) return;
    const unhide = hideOthers(panel);
    const cancelFocus = afterNextPaintTasks(() => {
      if (!panel.contains(document.activeElement)) focusFirst(panel);
    });
    return () => {
      cancelFocus();
      unhide();
    };
  }, []);

  return createPortal(
    <>
      <div ref={overlayRef} data-modal-overlay="" className={overlayClassName} />
      <FocusScope
        asChild
        loop
        trapped
        // the layer focuses the panel itself, after the first paint (see above)
        onMountAutoFocus={(e) => e.preventDefault()}
        onUnmountAutoFocus={(e) => {
          e.preventDefault();
          if (returnFocusTo?.isConnected) returnFocusTo.focus({ preventScroll: true });
        }}
      >
        <DismissableLayer
          ref={panelRef}
          role="dialog"
          aria-modal="true"
          aria-labelledby={labelledBy}
          aria-describedby={describedBy}
          className={className}
          // Focus cannot leave a trapped panel except into a layer opened above it (step-up).
          onFocusOutside={(e) => e.preventDefault()}
          // Outside the panel the overlay is all a pointer can reach; a press on anything else
          // outside (a layer opened above this one, a toast) leaves this layer open.
          onPointerDownOutside={(e) => {
            const press = e.detail.originalEvent;
            const secondary = press.button === 2 || (press.button === 0 && press.ctrlKey);
            if (e.target !== overlayRef.current || secondary) e.preventDefault();
          }}
          onDismiss={onDismiss}
        >
          {children}
        </DismissableLayer>
      </FocusScope>
    </>,
    document.body,
  );
}
