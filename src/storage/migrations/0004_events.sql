CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tournament_id" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" bigint,
	"actor_email" text,
	"action" text NOT NULL,
	"session_id" uuid,
	"player_id" bigint,
	"before" jsonb,
	"after" jsonb,
	CONSTRAINT "audit_events_action_check" CHECK ("audit_events"."action" in ('result', 'correction', 'withdrawal', 'simulation'))
);
--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "entry_number" integer;--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "players" ADD COLUMN "rating" integer;--> statement-breakpoint
ALTER TABLE "players" ADD COLUMN "club" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "tournaments" ADD COLUMN "synthetic" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tournaments" ADD COLUMN "seeding" jsonb;--> statement-breakpoint
ALTER TABLE "tournaments" ADD COLUMN "share_slug" text;--> statement-breakpoint
ALTER TABLE "tournaments" ADD COLUMN "sharing" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_tournament_id_tournaments_id_fk" FOREIGN KEY ("tournament_id") REFERENCES "public"."tournaments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_tournament_idx" ON "audit_events" USING btree ("tournament_id","id");--> statement-breakpoint
CREATE INDEX "audit_events_session_idx" ON "audit_events" USING btree ("session_id") WHERE "audit_events"."session_id" is not null;--> statement-breakpoint
CREATE INDEX "enrollments_withdrawn_idx" ON "enrollments" USING btree ("tournament_id") WHERE "enrollments"."withdrawn_at" is not null;--> statement-breakpoint
ALTER TABLE "tournaments" ADD CONSTRAINT "tournaments_share_slug_unique" UNIQUE("share_slug");--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_outcome_check" CHECK ("sessions"."outcome" in ('played', 'walkover', 'retired'));--> statement-breakpoint
-- Results recorded before outcomes existed were all played.
UPDATE "sessions" SET "outcome" = 'played' WHERE "result_submitted";--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_outcome_with_result_check" CHECK (("outcome" IS NULL) = (NOT "result_submitted"));--> statement-breakpoint
-- Scenario tournaments so far: every entrant is one of the made-up "Player 0001"...
UPDATE "tournaments" t SET "synthetic" = true
WHERE EXISTS (SELECT 1 FROM "enrollments" e WHERE e."tournament_id" = t."id")
  AND NOT EXISTS (SELECT 1 FROM "enrollments" e JOIN "players" p ON p."id" = e."player_id"
                  WHERE e."tournament_id" = t."id" AND p."name" !~ '^Player [0-9]+$');
