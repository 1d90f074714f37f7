import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
/** Money and quantities: exact numeric, read back as decimal strings. */
const dec = (name: string) => numeric(name, { precision: 24, scale: 10 });

// ---- console: people and their work ----

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  /** Null for users who sign in only through an external provider (OIDC, mTLS, dev). */
  passwordHash: text('password_hash'),
  role: text('role').notNull(),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  /** TOTP secret, AES-256-GCM sealed with the session key ring. */
  totpSecret: text('totp_secret'),
  /** Secret of an enrolment that is not confirmed yet (sealed). */
  totpPendingSecret: text('totp_pending_secret'),
  /** Last accepted TOTP time step: a code is accepted once (replay protection). */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  mfaEnrolledAt: ts('mfa_enrolled_at'),
  passwordChangedAt: ts('password_changed_at'),
  /** Strategy ids whose orders the user may act on and see; null: every strategy (unscoped). */
  strategyScope: jsonb('strategy_scope').$type<string[]>(),
});

/** One-time MFA recovery codes (argon2id hashes). */
export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [index('mfa_recovery_codes_user_idx').on(t.userId)],
);

/** API keys for scripts: sha256 of the token, scoped, expiring, revocable. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('api_keys_user_idx').on(t.userId)],
);

/** Append-only audit trail; each row's hash covers the previous row's hash (tamper evidence). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    outcome: text('outcome').notNull(),
    reason: text('reason'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    detail: jsonb('detail'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_actor_idx').on(t.actor)],
);

/** Links a user to an identity at an external provider (OIDC issuer + sub, mTLS CA + subject). */
export const externalIdentities = pgTable(
  'external_identities',
  {
    provider: text('provider').notNull(),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastLoginAt: ts('last_login_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.issuer, t.subject] }),
    index('external_identities_user_idx').on(t.userId),
  ],
);

// ---- console: workspace preferences ----

/** One row per user: theme, palette, grid column state… (zod `Preferences` in contracts). */
export const userPreferences = pgTable('user_preferences', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  prefs: jsonb('prefs').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** A user's notification history (outcomes, events, fills), kept so it follows them anywhere. */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tone: text('tone').notNull(),
    title: text('title').notNull(),
    detail: text('detail'),
    at: ts('at').notNull(),
    readAt: ts('read_at'),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.id)],
);

// ---- gateway: trading truth ----

export const instruments = pgTable('instruments', {
  symbol: text('symbol').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  tickSize: dec('tick_size').notNull(),
  adv: integer('adv').notNull(),
  refPrice: dec('ref_price').notNull(),
  tradable: boolean('tradable').notNull().default(true),
});

export const accounts = pgTable('accounts', {
  id: text('id').primaryKey(),
  cash: dec('cash').notNull(),
  realizedPnlToday: dec('realized_pnl_today').notNull().default('0'),
  dayStartEquity: dec('day_start_equity').notNull(),
  tradingDay: date('trading_day', { mode: 'string' }).notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const orders = pgTable(
  'orders',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    symbol: text('symbol').notNull(),
    side: text('side').notNull(),
    qty: dec('qty').notNull(),
    filledQty: dec('filled_qty').notNull().default('0'),
    avgFillPrice: dec('avg_fill_price'),
    type: text('type').notNull(),
    limitPrice: dec('limit_price'),
    stopPrice: dec('stop_price'),
    tif: text('tif').notNull(),
    status: text('status').notNull(),
    rejectReason: text('reject_reason'),
    reason: text('reason'),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    /** The demo strategy that sent the order (null: a person). */
    strategyId: text('strategy_id'),
    /** The TWAP parent of a slice. */
    parentId: text('parent_id'),
  },
  (t) => [
    index('orders_status_idx').on(t.status),
    index('orders_created_idx').on(t.createdAt),
    index('orders_parent_idx').on(t.parentId),
  ],
);

export const fills = pgTable(
  'fills',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    accountId: text('account_id').notNull(),
    symbol: text('symbol').notNull(),
    side: text('side').notNull(),
    qty: dec('qty').notNull(),
    price: dec('price').notNull(),
    ts: ts('ts').notNull(),
  },
  (t) => [index('fills_ts_idx').on(t.ts)],
);

export const positions = pgTable(
  'positions',
  {
    accountId: text('account_id').notNull(),
    symbol: text('symbol').notNull(),
    qty: dec('qty').notNull(),
    avgPrice: dec('avg_price').notNull(),
    realizedPnl: dec('realized_pnl').notNull().default('0'),
    /** Position quantity and price at the start of the trading day, for day P&L. */
    dayStartQty: dec('day_start_qty').notNull().default('0'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.symbol] })],
);

/** Kill-switch history; the current state is the latest row (no row = disengaged). */
export const killSwitchEvents = pgTable('kill_switch_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  action: text('action').notNull(),
  reason: text('reason').notNull(),
  actor: text('actor').notNull(),
  at: ts('at').notNull(),
});

// ---- gateway: trading controls ----

/** Admin-edited configuration (risk limits, breaker thresholds) as validated JSON. */
export const tradingSettings = pgTable('trading_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/** Circuit-breaker history; the current state is the latest row (no row = armed). */
export const breakerEvents = pgTable('breaker_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  action: text('action').notNull(),
  rule: text('rule'),
  reason: text('reason').notNull(),
  actor: text('actor').notNull(),
  at: ts('at').notNull(),
});

/** "Pause new entries" history per scope (`all` or a strategy id); latest row per scope wins. */
export const entryPauses = pgTable('entry_pauses', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  scope: text('scope').notNull(),
  paused: boolean('paused').notNull(),
  reason: text('reason').notNull(),
  actor: text('actor').notNull(),
  at: ts('at').notNull(),
});

/** Flatten, close and cancel-all actions (history and rate limits). */
export const controlEvents = pgTable(
  'control_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    target: text('target'),
    reason: text('reason').notNull(),
    actor: text('actor').notNull(),
    at: ts('at').notNull(),
    detail: jsonb('detail'),
  },
  (t) => [index('control_events_kind_at_idx').on(t.kind, t.at)],
);

export const strategies = pgTable('strategies', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  symbols: jsonb('symbols').notNull(),
  params: jsonb('params').notNull(),
  enabled: boolean('enabled').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const twapOrders = pgTable('twap_orders', {
  id: text('id').primaryKey(),
  symbol: text('symbol').notNull(),
  side: text('side').notNull(),
  qty: dec('qty').notNull(),
  durationMin: integer('duration_min').notNull(),
  intervalS: integer('interval_s').notNull(),
  /** Slices as market orders, or as limits at the touch ± limitOffsetBps. */
  sliceType: text('slice_type').notNull().default('market'),
  limitOffsetBps: integer('limit_offset_bps'),
  startAt: ts('start_at').notNull(),
  slices: integer('slices').notNull(),
  slicesSent: integer('slices_sent').notNull().default(0),
  status: text('status').notNull(),
  statusReason: text('status_reason'),
  reason: text('reason').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/** Per-order trail: created, modified, canceled, rejected (fills come from the fills table). */
export const orderEvents = pgTable(
  'order_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: text('order_id').notNull(),
    kind: text('kind').notNull(),
    detail: jsonb('detail').notNull(),
    actor: text('actor').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId)],
);

/** Operational alerts, newest by `at`; `source`/`ruleId` are for user-defined rules later. */
export const alerts = pgTable(
  'alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull(),
    kind: text('kind').notNull(),
    severity: text('severity').notNull(),
    source: text('source').notNull().default('system'),
    ruleId: text('rule_id'),
    message: text('message').notNull(),
    actor: text('actor'),
    detail: jsonb('detail').notNull().default({}),
  },
  (t) => [index('alerts_at_idx').on(t.at)],
);
