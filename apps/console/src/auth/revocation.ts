import { SESSION_REVOCATIONS_CHANNEL, SessionRevocation } from '@qd/contracts';
import type { Bus, Logger, SessionRecord } from '@qd/platform';

/** What revocation needs from the WS hub: close the sockets of matching sessions. */
export interface SocketRevoker {
  revokeWhere(match: (session: SessionRecord) => boolean, reason: string): void;
}

/**
 * Ended sessions are announced on the bus; every console instance (this one included) closes
 * their sockets with `revoked`. Publishing is awaited, so the response follows the announcement.
 */
export class Revocations {
  private unsubscribe: (() => Promise<void>) | null = null;

  constructor(
    private readonly bus: Bus,
    private readonly sockets: SocketRevoker,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.bus.subscribe(SESSION_REVOCATIONS_CHANNEL, (raw) => {
      let parsed;
      try {
        parsed = SessionRevocation.safeParse(JSON.parse(raw));
      } catch {
        parsed = null;
      }
      if (!parsed?.success) {
        this.logger.warn('ignoring a malformed session revocation');
        return;
      }
      const handles = new Set(parsed.data.handles);
      this.sockets.revokeWhere((s) => handles.has(s.handle), parsed.data.reason);
    });
  }

  /** Announces that these sessions ended. */
  async publish(handles: string[], reason: string): Promise<void> {
    if (!handles.length) return;
    const message: SessionRevocation = { handles, reason };
    await this.bus.publish(SESSION_REVOCATIONS_CHANNEL, JSON.stringify(message));
  }

  async close(): Promise<void> {
    await this.unsubscribe?.();
  }
}
