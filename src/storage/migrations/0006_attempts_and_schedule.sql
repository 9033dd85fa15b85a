ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_action_check";--> statement-breakpoint
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_phase_check";--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "attempts" double precision[];--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "scheduled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "station" text;--> statement-breakpoint
CREATE INDEX "sessions_tournament_scheduled_idx" ON "sessions" USING btree ("tournament_id","scheduled_at") WHERE "sessions"."scheduled_at" is not null;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_action_check" CHECK ("audit_events"."action" in ('result', 'correction', 'withdrawal', 'simulation', 'attempt'));--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_phase_check" CHECK ("sessions"."phase" in ('KNOCKOUT', 'GROUP', 'LEAGUE', 'SWISS', 'WINNERS', 'LOSERS', 'GRAND_FINAL', 'INDIVIDUAL'));