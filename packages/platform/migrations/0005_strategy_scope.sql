-- Per-strategy access: the strategies a user may trade and see orders of (null: all of them).
ALTER TABLE "users" ADD COLUMN "strategy_scope" jsonb;
