import { Outlet } from '@tanstack/react-router';
import { useLiveSocket } from '../../live/useLiveSocket';
import { useActivityKeepalive } from '../auth/useActivityKeepalive';
import { LookSync } from '../preferences/LookSync';
import { ConnectionBanner } from './ConnectionBanner';
import { EventNotifier } from './EventNotifier';
import { Header } from './Header';
import { MobileStatusStrip } from './MobileStatusStrip';
import { SideNav } from './SideNav';
import { ShellOverlays } from './ShellOverlays';
import { StatusBanner } from './StatusBanner';

// The page boot (main.tsx) opens the socket through the shell's chunk, which a signed-in load
// fetches anyway: one chunk graph for both, and no extra chunk for the early start.
export { startLiveEarly } from './earlyLive';

/** Header, banner and nav around the signed-in pages; owns the live socket and session keepalive. */
export function AppShell() {
  useLiveSocket();
  useActivityKeepalive();
  return (
    <div className="flex h-full flex-col">
      <LookSync />
      <EventNotifier />
      <ShellOverlays />
      <Header />
      <MobileStatusStrip />
      <ConnectionBanner />
      <StatusBanner />
      <div className="flex min-h-0 flex-1">
        <SideNav />
        <main className="min-h-0 min-w-0 flex-1 overflow-auto">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
