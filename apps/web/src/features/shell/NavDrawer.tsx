import { Menu, X } from 'lucide-react';
import { useId, useState } from 'react';
import { ModalLayer } from '../../ui/ModalLayer';
import { NavList } from './NavList';

/** Phones: the navigation behind a menu button, sliding in from the left. */
export function NavDrawer() {
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const close = () => setOpen(false);
  return (
    <>
      <button
        type="button"
        aria-label="Open navigation"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
        className="flex size-8 items-center justify-center rounded-md text-muted hover:bg-hover hover:text-fg md:hidden"
      >
        <Menu aria-hidden className="size-5" />
      </button>
      {open && (
        <ModalLayer
          onDismiss={close}
          labelledBy={titleId}
          overlayClassName="fixed inset-0 z-40 bg-black/60"
          className="fixed inset-y-0 left-0 z-50 flex w-64 flex-col border-r border-line-strong bg-panel py-2"
        >
          <div className="mb-2 flex items-center justify-between px-4">
            <h2 id={titleId} className="text-sm font-semibold">
              Quarterdeck
            </h2>
            <button
              type="button"
              aria-label="Close navigation"
              onClick={close}
              className="rounded-sm p-1 text-muted hover:bg-hover hover:text-fg"
            >
              <X aria-hidden className="size-4" />
            </button>
          </div>
          <nav aria-label="Main">
            <NavList labelClass="" onNavigate={close} />
          </nav>
        </ModalLayer>
      )}
    </>
  );
}
