-- Operational alerts (kill switch, breaker, stale market data, broker errors), kept so the live
-- `alerts` topic's snapshot survives restarts. `source`/`rule_id` leave room for user-defined
-- alert rules (a later migration adds the rules table and points rule_id at it).
CREATE TABLE "alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"source" text DEFAULT 'system' NOT NULL,
	"rule_id" text,
	"message" text NOT NULL,
	"actor" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "alerts_at_idx" ON "alerts" USING btree ("at");
