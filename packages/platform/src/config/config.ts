import { z } from 'zod';
import { authProviderEnv, authProviderProblems, isLoopbackHost } from './authProviderConfig';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const port = z.coerce.number().int().min(0).max(65535);

/** Every environment variable Quarterdeck reads, parsed once at start-up. */
export const ConfigSchema = z.object({
  QD_HOST: z.string().default('127.0.0.1'),
  QD_PORT: port.default(8080),
  QD_GATEWAY_HOST: z.string().default('127.0.0.1'),
  QD_GATEWAY_PORT: port.default(8181),
  /** Where the console reaches the gateway; unset → http://QD_GATEWAY_HOST:QD_GATEWAY_PORT. */
  QD_GATEWAY_URL: z.url().optional(),
  QD_DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  REDIS_URL: z.string().optional(),
  /** Comma list of Sentinel `host:port`s; when set, Redis is found through Sentinel instead. */
  REDIS_SENTINELS: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(z.string().regex(/^[^:\s]+:\d{1,5}$/, 'must be host:port entries'))),
  /** The Sentinel master group name. */
  REDIS_SENTINEL_NAME: z.string().min(1).default('quarterdeck'),
  QD_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  QD_AUTH_PROVIDERS: z
    .string()
    .default('basic')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(['dev', 'basic', 'oidc', 'mtls'])).min(1)),
  /** Comma list of origins allowed to open the WebSocket; unset → the console's own origin. */
  QD_ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    ),
  QD_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Session encryption keys `kid:base64key,…` (32-byte keys; first encrypts, all decrypt). */
  QD_SESSION_KEYS: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/_=-]+(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/_=-]+)*$/,
      'must be kid:base64key[,kid:base64key…]',
    )
    .optional(),
  /** Bind a session to the client address: `exact`, `subnet` (/24, /64) or `off`. */
  QD_SESSION_IP_BINDING: z.enum(['exact', 'subnet', 'off']).default('subnet'),
  /** Comma list of proxy addresses/CIDRs whose X-Forwarded-For is believed; unset → none. */
  QD_TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    ),
  /** Roles that must use MFA (comma list, or `none`). */
  QD_MFA_REQUIRED_ROLES: z
    .string()
    .default('operator,admin')
    .transform((v) =>
      v.trim() === 'none'
        ? []
        : v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    )
    .pipe(z.array(z.enum(['viewer', 'researcher', 'operator', 'admin']))),
  /** Shared credential the console presents to the gateway; generated in embedded mode. */
  QD_SERVICE_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  QD_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  QD_SESSION_ABSOLUTE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(240),
  /** Serve cookies with `Secure` (set when behind HTTPS). */
  QD_SECURE_COOKIES: bool.default(false),
  QD_MARKET_SEED: z.coerce.number().int().default(42),
  QD_MARKET_TICK_MS: z.coerce.number().int().min(20).max(60_000).default(250),
  /**
   * End-to-end tests only: symbols whose simulated quotes never move, so their price goes stale
   * (the ticket's stale-price gate). Refused unless QD_GATEWAY_HOST and QD_HOST are loopback.
   */
  QD_TEST_FROZEN_SYMBOLS: z
    .string()
    .regex(/^[A-Z][A-Z0-9.]{0,9}(,[A-Z][A-Z0-9.]{0,9})*$/, 'must be a comma list of symbols')
    .optional(),
  /** Demo strategies start enabled on a fresh database (`npm start` sets it; tests leave it off). */
  QD_DEMO_STRATEGIES: bool.default(false),
  QD_INITIAL_CASH: z
    .string()
    .regex(/^\d{1,12}(\.\d{1,2})?$/, 'must be an amount such as 1000000')
    .default('1000000'),
  /** Per client and topic, at most this many WS frames a second (the rest are coalesced). */
  QD_WS_MAX_RATE: z.coerce.number().min(0.1).max(1000).default(10),
  /** Unsent bytes above which a socket counts as slow and its updates are conflated. */
  QD_WS_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1 << 20),
  /** A socket slow for longer than this is closed (the client reconnects and resumes). */
  QD_WS_SLOW_CUTOFF_MS: z.coerce.number().int().min(100).default(10_000),
  /** Deltas kept per topic for resuming clients; older gaps get a snapshot. */
  QD_WS_REPLAY: z.coerce.number().int().min(0).max(100_000).default(200),
  /** Sockets per console instance, and per user over all instances (counted in Redis if set). */
  QD_WS_MAX_CLIENTS: z.coerce.number().int().min(1).default(5000),
  QD_WS_MAX_PER_USER: z.coerce.number().int().min(1).default(20),
  /** How often open sockets' sessions are re-checked (timeouts, role change, disabled user). */
  QD_WS_REVALIDATE_MS: z.coerce.number().int().min(100).default(30_000),
  /** Server ping interval; a socket that misses a whole interval is dropped. */
  QD_WS_HEARTBEAT_MS: z.coerce.number().int().min(100).default(15_000),
  /** On SIGTERM: window over which sockets are told to reconnect (jittered) before exit. */
  QD_DRAIN_MS: z.coerce.number().int().min(0).max(120_000).default(5000),
  /** Serve Prometheus `/metrics` on this port instead of the public one. */
  QD_METRICS_PORT: port.optional(),
  QD_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  ...authProviderEnv,
});
export type Config = z.infer<typeof ConfigSchema>;

/** A configuration error that names every bad variable. */
export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = ConfigSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const problems = authProviderProblems(result.data);
  const c = result.data;
  if (c.QD_TEST_FROZEN_SYMBOLS && !(isLoopbackHost(c.QD_HOST) && isLoopbackHost(c.QD_GATEWAY_HOST)))
    problems.push(
      'QD_TEST_FROZEN_SYMBOLS: a test knob, refused unless the servers listen on loopback',
    );
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return result.data;
}

/** The gateway base URL the console should call. */
export function gatewayUrl(config: Config): string {
  return config.QD_GATEWAY_URL ?? `http://${config.QD_GATEWAY_HOST}:${config.QD_GATEWAY_PORT}`;
}
