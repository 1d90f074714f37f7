ALTER TABLE "twap_orders" ADD COLUMN "slice_type" text DEFAULT 'market' NOT NULL;
--> statement-breakpoint
ALTER TABLE "twap_orders" ADD COLUMN "limit_offset_bps" integer;
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"tone" text NOT NULL,
	"title" text NOT NULL,
	"detail" text,
	"at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","id");
