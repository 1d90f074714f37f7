import { Anchor } from 'lucide-react';
import type { ReactNode } from 'react';

/** The card the signed-out steps (sign-in, two-factor) are laid out in. */
export const AUTH_CARD_CLASS = 'flex flex-col gap-4 rounded-lg border border-line bg-panel p-6';

/** The frame of the sign-in and two-factor pages: the brand above one centred card. */
export function AuthFrame({ wide = false, children }: { wide?: boolean; children: ReactNode }) {
  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <div className={wide ? 'w-full max-w-[440px]' : 'w-full max-w-[360px]'}>
        <div className="mb-6 flex items-center gap-2">
          <Anchor aria-hidden className="size-6 text-accent" />
          <h1 className="text-xl font-semibold tracking-tight">Quarterdeck</h1>
        </div>
        {children}
      </div>
    </main>
  );
}
