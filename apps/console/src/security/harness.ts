// Test-only: one console (optionally with its gateway) on an in-memory database, driven by inject().
import { buildGateway, type Gateway } from '@qd/gateway';
import {
  MemoryBus,
  MemorySessionStore,
  SessionCipher,
  createLogger,
  loadConfig,
  openDatabase,
  schema,
  type Bus,
  type DatabaseHandle,
  type Redis,
  type SessionStore,
} from '@qd/platform';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { createUser } from '../auth/users';
import { buildConsole, type ConsoleServer } from '../server';

export const PASSWORD = 'violet-anchor-drifts-north';
export const TOKEN = 'test-service-token-0123456789-abcdefghij';
export const UA = 'Mozilla/5.0 (X11; Linux x86_64) QuarterdeckTest/1.0';
export const IP = '10.20.30.40';
export const ROLES = ['viewer', 'researcher', 'operator', 'admin'] as const;

/** A browser: its cookie jar (one session cookie), CSRF token, user agent and address. */
export interface Browser {
  cookie: string;
  csrf: string;
  ua: string;
  ip: string;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  store?: SessionStore;
  bus?: Bus;
  gateway?: boolean;
  /** Use this running gateway instead (a second console instance). */
  gatewayUrl?: string;
  db?: DatabaseHandle;
  cipher?: SessionCipher;
  /** Shared Redis (sign-in limits, cross-instance socket counts). */
  redis?: Redis;
  /** Serve a web build from here (the SPA shell). */
  webRoot?: string;
}

/** A console under test with a movable clock. */
export class Harness {
  clock = Date.now();
  readonly now = () => new Date(this.clock);
  server!: ConsoleServer;
  gateway: Gateway | null = null;
  gatewayUrl = '';
  handle!: DatabaseHandle;
  users: Record<string, string> = {};
  private ownsDb = true;

  static async start(opts: HarnessOptions = {}): Promise<Harness> {
    const h = new Harness();
    await h.init(opts);
    return h;
  }

  private async init(opts: HarnessOptions): Promise<void> {
    const config = loadConfig({
      QD_LOG_LEVEL: 'silent',
      QD_MARKET_TICK_MS: '1000',
      QD_MFA_REQUIRED_ROLES: 'none',
      ...opts.env,
    });
    const logger = createLogger('t', 'silent');
    this.ownsDb = !opts.db;
    this.handle = opts.db ?? (await openDatabase({ inMemory: true }));
    const bus = opts.bus ?? new MemoryBus();
    let gatewayBaseUrl = opts.gatewayUrl ?? 'http://127.0.0.1:9';
    if (opts.gateway) {
      this.gateway = await buildGateway({
        config,
        db: this.handle.db,
        bus,
        logger,
        serviceToken: TOKEN,
      });
      await this.gateway.start();
      gatewayBaseUrl = await this.gateway.app.listen({ host: '127.0.0.1', port: 0 });
      this.gatewayUrl = gatewayBaseUrl;
    }
    const cipher = opts.cipher ?? SessionCipher.ephemeral();
    this.server = await buildConsole({
      config,
      db: this.handle.db,
      bus,
      sessions: opts.store ?? new MemorySessionStore(() => this.clock, cipher),
      logger,
      gatewayBaseUrl,
      serviceToken: TOKEN,
      sessionSecret: 'session-secret-'.padEnd(40, 'x'),
      now: this.now,
      cipher,
      redis: opts.redis,
      ...(opts.webRoot ? { webRoot: opts.webRoot } : {}),
      loginLimits: { perUserAndAddress: 5, perAddress: 200, blockMinutes: 15, delayBaseSeconds: 0 },
    });
    if (opts.gateway || opts.gatewayUrl) await this.server.start();
    else await this.server.auth.revocations.start();
    if (this.ownsDb) for (const role of ROLES) await this.addUser(role, role);
  }

  /** Creates a user (password PASSWORD) and remembers its id. */
  async addUser(username: string, role: string): Promise<string> {
    const existing = await this.handle.db
      .select()
      .from(schema.users)
      .where(eq(schema.users.username, username));
    this.users[username] =
      existing[0]?.id ?? (await createUser(this.handle.db, username, PASSWORD, role));
    return this.users[username]!;
  }

  get app() {
    return this.server.app;
  }

  /** A request from a browser (cookie, user agent, address, CSRF header on mutations). */
  request(
    b: Partial<Browser> | null,
    method: 'GET' | 'POST' | 'DELETE' | 'PATCH' | 'PUT',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method,
      url: url.startsWith('/api') ? url : `/api/v1${url}`,
      remoteAddress: b?.ip ?? IP,
      headers: {
        'user-agent': b?.ua ?? UA,
        ...(b?.cookie ? { cookie: b.cookie } : {}),
        ...(b?.csrf && method !== 'GET' ? { 'x-csrf-token': b.csrf } : {}),
        ...headers,
      },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  }

  /** Signs in; returns the browser (throws with the problem when refused). */
  async login(
    username: string,
    extra: { totp?: string; recoveryCode?: string; password?: string } = {},
    from: { ua?: string; ip?: string; cookie?: string } = {},
  ): Promise<Browser> {
    const res = await this.loginResponse(username, extra, from);
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    return {
      cookie: cookieOf(res)!,
      csrf: res.json().csrfToken,
      ua: from.ua ?? UA,
      ip: from.ip ?? IP,
    };
  }

  loginResponse(
    username: string,
    extra: { totp?: string; recoveryCode?: string; password?: string } = {},
    from: { ua?: string; ip?: string; cookie?: string } = {},
  ): Promise<LightMyRequestResponse> {
    const { password = PASSWORD, ...codes } = extra;
    return this.request(
      { ua: from.ua ?? UA, ip: from.ip ?? IP, cookie: from.cookie },
      'POST',
      '/auth/login',
      { username, password, ...codes },
    );
  }

  /** Applies a response's Set-Cookie (rotation) and CSRF token to the browser. */
  follow(b: Browser, res: LightMyRequestResponse): Browser {
    const cookie = cookieOf(res);
    if (cookie) b.cookie = cookie;
    const body = res.headers['content-type']?.toString().includes('json') ? res.json() : null;
    if (body && typeof body.csrfToken === 'string') b.csrf = body.csrfToken;
    return b;
  }

  /** Enrols TOTP for a signed-in browser; returns the secret and recovery codes. */
  async enrolTotp(b: Browser): Promise<{ secret: string; recoveryCodes: string[] }> {
    const start = await this.request(b, 'POST', '/auth/mfa/totp/enrol');
    if (start.statusCode !== 200) throw new Error(`enrol: ${start.statusCode} ${start.body}`);
    const secret = start.json().secret as string;
    const confirm = await this.request(b, 'POST', '/auth/mfa/totp/confirm', {
      totp: this.code(secret),
    });
    if (confirm.statusCode !== 200)
      throw new Error(`confirm: ${confirm.statusCode} ${confirm.body}`);
    this.follow(b, confirm);
    return { secret, recoveryCodes: confirm.json().recoveryCodes };
  }

  /** The TOTP code for the harness clock. */
  code(secret: string): string {
    return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: this.clock });
  }

  /** Moves the clock to the next 30-second TOTP step (a fresh code). */
  nextStep(): void {
    this.clock = (Math.floor(this.clock / 30_000) + 1) * 30_000 + 1_000;
  }

  /** Audit rows for an action, newest last. */
  async audits(action: string) {
    return this.handle.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.action, action))
      .orderBy(schema.auditLog.id);
  }

  async close(): Promise<void> {
    await this.server.close();
    await this.gateway?.close();
    if (this.ownsDb) await this.handle.close();
  }
}

/** `name=value` of the session cookie a response set (null when none). */
export function cookieOf(res: LightMyRequestResponse): string | null {
  const c = res.cookies.find((x) => x.name.endsWith('qd_session') && x.value);
  return c ? `${c.name}=${c.value}` : null;
}
