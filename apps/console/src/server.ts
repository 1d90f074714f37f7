import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import {
  SessionCipher,
  installProblemHandler,
  quietRequestLogs,
  type Bus,
  type Config,
  type Database,
  type Logger,
  type Redis,
  type SessionStore,
  schema,
} from '@qd/platform';
import { inArray, sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { AuditLog } from './audit/auditLog';
import { registerUserAdminRoutes } from './admin/userRoutes';
import { ApiKeys } from './auth/apiKeys';
import type { AuthContext } from './auth/context';
import { LoginLimiter, type LoginLimits } from './auth/loginLimiter';
import { Mfa } from './auth/mfa';
import { registerMfaRoutes } from './auth/mfaRoutes';
import { registerProfileRoutes } from './auth/profileRoutes';
import { Revocations } from './auth/revocation';
import { registerAuthProviders } from './auth/providers/registry';
import { tlsOptions } from './auth/providers/tlsOptions';
import { registerAuthRoutes } from './auth/routes';
import { registerSessionRoutes } from './auth/sessionRoutes';
import { installStrategyScope } from './auth/strategyScope';
import { Sessions } from './auth/sessions';
import { installGuard } from './http/guard';
import { webCacheControl } from './http/webCacheControl';
import { installSecurityHeaders } from './http/securityHeaders';
import { spaShell } from './http/spaShell';
import { ConsoleMetrics } from './metrics/metrics';
import type { GatewayClient } from './trading/gatewayClient';
import { GatewayHttpClient } from './trading/gatewayHttp';
import { GatewayInProcessClient } from './trading/gatewayInProcess';
import { registerNotifications } from './notifications';
import { registerControlRoutes } from './trading/controlRoutes';
import { registerTradingRoutes } from './trading/routes';
import { Hub, type HubOptions } from './ws/hub';
import { InstanceTopics } from './ws/instanceTopics';
import { SessionWatch } from './ws/sessionWatch';
import { MemorySocketQuota, RedisSocketQuota, type SocketQuota } from './ws/socketQuota';
import { SystemMonitor, consoleInstanceId } from './system';
import { registerWsRoute } from './ws/routes';
import { registerExportRoutes } from './exports';
import { registerPreferences } from './preferences';

export interface ConsoleDeps {
  config: Config;
  db: Database;
  bus: Bus;
  sessions: SessionStore;
  logger: Logger;
  /** A separate gateway process (QD_GATEWAY_URL), called over HTTP; unused with `gatewayApp`. */
  gatewayBaseUrl?: string;
  /** The gateway embedded in this process, called in process (Fastify `inject`). */
  gatewayApp?: Pick<FastifyInstance, 'inject'>;
  serviceToken: string;
  sessionSecret: string;
  webRoot?: string;
  now?: () => Date;
  loginLimits?: LoginLimits;
  /** Key ring sealing TOTP secrets (the same one as the session store's); ephemeral if unset. */
  cipher?: SessionCipher;
  /** Shared Redis for the sign-in limiter (every instance counts together); memory if unset. */
  redis?: Redis;
  /** Overrides of the hub's limits (tests); the rest come from config. */
  hubOptions?: Partial<HubOptions>;
  /** This process's name in `system` and in the shared socket counts; generated if unset. */
  instanceId?: string;
}

export interface ConsoleServer {
  app: FastifyInstance;
  hub: Hub;
  audit: AuditLog;
  auth: AuthContext;
  metrics: ConsoleMetrics;
  system: SystemMonitor;
  sessionWatch: SessionWatch;
  start(): Promise<void>;
  /** Graceful drain: /readyz fails, no new sockets, clients told to reconnect within the window. */
  drain(windowMs: number): Promise<void>;
  close(): Promise<void>;
}

/** The hub's limits from configuration. */
export function hubOptionsFrom(config: Config): Partial<HubOptions> {
  return {
    maxRate: config.QD_WS_MAX_RATE,
    maxBuffered: config.QD_WS_MAX_BUFFERED_BYTES,
    slowCutoffMs: config.QD_WS_SLOW_CUTOFF_MS,
    replay: config.QD_WS_REPLAY,
    maxClients: config.QD_WS_MAX_CLIENTS,
    maxPerUser: config.QD_WS_MAX_PER_USER,
    heartbeatMs: config.QD_WS_HEARTBEAT_MS,
  };
}

/** The embedded gateway in process when there is one, otherwise the gateway at its URL. */
function gatewayClientFor(deps: ConsoleDeps): GatewayClient {
  if (deps.gatewayApp) return new GatewayInProcessClient(deps.gatewayApp, deps.serviceToken);
  if (!deps.gatewayBaseUrl) throw new Error('buildConsole needs gatewayApp or gatewayBaseUrl');
  return new GatewayHttpClient(deps.gatewayBaseUrl, deps.serviceToken);
}

/** Builds the console (BFF + WS hub); does not listen. */
export async function buildConsole(deps: ConsoleDeps): Promise<ConsoleServer> {
  const now = deps.now ?? (() => new Date());
  const https = tlsOptions(deps.config);
  const app = Fastify({
    ...(https ? { https } : {}),
    loggerInstance: deps.logger.child({ service: 'console' }),
    // X-Forwarded-For is believed only from the configured proxies.
    trustProxy: deps.config.QD_TRUSTED_PROXIES.length ? deps.config.QD_TRUSTED_PROXIES : false,
    logController: quietRequestLogs(),
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const serveWeb = !!deps.webRoot && existsSync(deps.webRoot);
  const shell = serveWeb ? spaShell(deps.webRoot!) : false;
  installProblemHandler(app, shell);

  const sessions = new Sessions(
    deps.sessions,
    {
      idleMinutes: deps.config.QD_SESSION_IDLE_MINUTES,
      absoluteMinutes: deps.config.QD_SESSION_ABSOLUTE_MINUTES,
      ipBinding: deps.config.QD_SESSION_IP_BINDING,
    },
    now,
    deps.config.QD_SECURE_COOKIES,
  );
  const audit = new AuditLog(deps.db, now);
  const gateway = gatewayClientFor(deps);
  const metrics = new ConsoleMetrics();
  const instanceId = deps.instanceId ?? consoleInstanceId();
  const hubOptions = { ...hubOptionsFrom(deps.config), ...deps.hubOptions };
  // Per-user socket cap over every instance when Redis is shared; this instance's count if not.
  const quota: SocketQuota = deps.redis
    ? new RedisSocketQuota(deps.redis, hubOptions.maxPerUser!, instanceId, deps.logger)
    : new MemorySocketQuota(hubOptions.maxPerUser!);
  const instanceTopics = new InstanceTopics(gateway);
  const hub = new Hub(deps.bus, instanceTopics, deps.logger, hubOptions, metrics.hub, quota);
  instanceTopics.connect((raw) => hub.store.ingest(raw));
  metrics.watch(hub);
  const system = new SystemMonitor(
    instanceId,
    {
      gatewayHealth: () => gateway.get('/v1/health'),
      db: deps.db,
      redis: deps.redis,
      connectedClients: () => hub.connectedClients,
    },
    (status) => instanceTopics.publish('system', status),
  );
  const sessionWatch = new SessionWatch(
    hub,
    sessions,
    async (ids) => {
      const rows = await deps.db
        .select({ id: schema.users.id, role: schema.users.role, disabled: schema.users.disabled })
        .from(schema.users)
        .where(inArray(schema.users.id, ids));
      return new Map(rows.map((r) => [r.id, r]));
    },
    deps.logger,
    deps.config.QD_WS_REVALIDATE_MS,
  );
  const auth: AuthContext = {
    db: deps.db,
    sessions,
    audit,
    limiter: new LoginLimiter(deps.loginLimits, deps.redis),
    mfa: new Mfa(deps.db, deps.cipher ?? SessionCipher.ephemeral(), now),
    apiKeys: new ApiKeys(deps.db, now),
    revocations: new Revocations(deps.bus, hub, deps.logger),
    mfaRequiredRoles: deps.config.QD_MFA_REQUIRED_ROLES,
    now,
  };

  installSecurityHeaders(app);
  await app.register(cookie, { secret: deps.sessionSecret });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: { info: { title: 'Quarterdeck console API', version: '1' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installGuard(app, { sessions, audit, apiKeys: auth.apiKeys });
  installStrategyScope(app, deps.db);
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/v1')) void reply.header('cache-control', 'no-store');
  });

  registerPreferences(app, deps.db, audit, now);
  registerNotifications(app, deps.db, audit, now);
  registerExportRoutes(app, audit, now);

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    if (hub.draining) return reply.status(503).send({ status: 'draining' });
    try {
      await deps.db.execute(sql`select 1`);
      await gateway.get('/readyz');
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'not ready' });
    }
  });
  registerAuthRoutes(app, auth);
  registerSessionRoutes(app, auth);
  registerMfaRoutes(app, auth);
  registerProfileRoutes(app, auth);
  registerUserAdminRoutes(app, auth);
  await registerAuthProviders(app, auth, {
    config: deps.config,
    sessionSecret: deps.sessionSecret,
  });
  registerTradingRoutes(app, gateway, audit, now);
  registerControlRoutes(app, gateway, audit);
  registerWsRoute(app, hub, sessions, deps.config.QD_ALLOWED_ORIGINS);
  // Prometheus: here, unless QD_METRICS_PORT serves it on its own (private) port.
  if (deps.config.QD_METRICS_PORT === undefined)
    app.get('/metrics', async (_req, reply) =>
      reply.type(metrics.contentType).send(await metrics.render()),
    );

  if (shell) {
    // The shell is served with its nonce; the rest of the build as static files.
    app.get('/', shell);
    await app.register(fastifyStatic, {
      root: deps.webRoot!,
      wildcard: false,
      index: false,
      allowedPath: (path) => path !== '/index.html',
      // The build writes .br/.gz next to each text asset: no compression per request.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => reply.header('cache-control', webCacheControl(path)),
    });
  } else deps.logger.warn({ webRoot: deps.webRoot }, 'web build not found: serving the API only');

  return {
    app,
    hub,
    audit,
    auth,
    metrics,
    system,
    sessionWatch,
    async start() {
      await auth.revocations.start();
      await hub.start();
      await system.start();
      sessionWatch.start();
    },
    drain: (windowMs) => hub.drain(windowMs),
    async close() {
      system.stop();
      sessionWatch.stop();
      await auth.revocations.close();
      await hub.close();
      await quota.close();
      await app.close();
      gateway.close();
    },
  };
}
