import type { Logger, SessionRecord } from '@qd/platform';

/** What the watch needs from the session layer: the user's live sessions by handle. */
export interface LiveSessions {
  liveByHandle(userId: string): Promise<Map<string, SessionRecord>>;
}

/** The users' current role and whether they are disabled (from the database). */
export type UserStates = (
  userIds: string[],
) => Promise<Map<string, { role: string; disabled: boolean }>>;

/** What the watch needs from the hub. */
export interface WatchedSockets {
  sessions(): SessionRecord[];
  revokeWhere(match: (session: SessionRecord) => boolean, reason: string): void;
}

/**
 * Revalidates the sessions behind open sockets every `intervalMs`: a socket whose session timed
 * out (idle or absolute), was ended without the bus announcing it (a message lost in a Redis
 * failover), or whose user's role changed or was disabled gets `revoked` and is closed. Explicit
 * revocations still arrive at once through the bus; this is the backstop.
 */
export class SessionWatch {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly sockets: WatchedSockets,
    private readonly sessions: LiveSessions,
    private readonly users: UserStates,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref();
  }

  /** One revalidation round; returns the number of sockets revoked. */
  async check(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const open = this.sockets.sessions();
      const userIds = [...new Set(open.map((s) => s.userId))];
      if (!userIds.length) return 0;
      const states = await this.users(userIds);
      const verdict = new Map<string, string>(); // handle → reason
      for (const userId of userIds) {
        const live = await this.sessions.liveByHandle(userId);
        const user = states.get(userId);
        for (const s of open) {
          if (s.userId !== userId || verdict.has(s.handle)) continue;
          const current = live.get(s.handle);
          if (!user || user.disabled) verdict.set(s.handle, 'account disabled');
          else if (!current) verdict.set(s.handle, 'session expired or ended');
          else if (current.role !== s.role || user.role !== s.role)
            verdict.set(s.handle, 'role changed: sign in again');
        }
      }
      let revoked = 0;
      for (const reason of new Set(verdict.values())) {
        this.sockets.revokeWhere((s) => {
          const hit = verdict.get(s.handle) === reason;
          if (hit) revoked++;
          return hit;
        }, reason);
      }
      if (revoked) this.logger.info({ revoked }, 'revoked sockets of sessions no longer valid');
      return revoked;
    } catch (err) {
      this.logger.warn({ err }, 'session revalidation failed; will retry');
      return 0;
    } finally {
      this.running = false;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
