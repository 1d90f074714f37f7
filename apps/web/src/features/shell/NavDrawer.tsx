import * as RadixDialog from '@radix-ui/react-dialog';
import { Menu, X } from 'lucide-react';
import { useState } from 'react';
import { NavList } from './NavList';

/** Phones: the navigation behind a menu button, sliding in from the left. */
export function NavDrawer() {
  const [open, setOpen] = useState(false);
  return (
    <RadixDialog.Root open={open} onOpenChange={setOpen}>
      <RadixDialog.Trigger
        aria-label="Open navigation"
        className="flex size-8 items-center justify-center rounded-md text-muted hover:bg-hover hover:text-fg md:hidden"
      >
        <Menu aria-hidden className="size-5" />
      </RadixDialog.Trigger>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-black/60" />
        <RadixDialog.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 left-0 z-50 flex w-64 flex-col border-r border-line-strong bg-panel py-2"
        >
          <div className="mb-2 flex items-center justify-between px-4">
            <RadixDialog.Title className="text-sm font-semibold">Quarterdeck</RadixDialog.Title>
            <RadixDialog.Close
              aria-label="Close navigation"
              className="rounded-sm p-1 text-muted hover:bg-hover hover:text-fg"
            >
              <X aria-hidden className="size-4" />
            </RadixDialog.Close>
          </div>
          <nav aria-label="Main">
            <NavList labelClass="" onNavigate={() => setOpen(false)} />
          </nav>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
