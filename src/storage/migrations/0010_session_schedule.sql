-- Times and stations leave the sessions for a narrow table of their own, keyed like the sessions
-- (tournament, ordinal): a plan of a million sessions is one COPY into it, where updating the
-- indexed scheduled_at of a million wide session rows (never in place) took most of a minute.
-- A result never touches it; the lists walk it by time and look the sessions up by their key.
CREATE TABLE "session_schedule" (
	"tournament_id" bigint NOT NULL,
	"ordinal" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"station" text,
	CONSTRAINT "session_schedule_pkey" PRIMARY KEY("tournament_id","ordinal")
);
--> statement-breakpoint
INSERT INTO "session_schedule" ("tournament_id", "ordinal", "at", "station")
  SELECT "tournament_id", "ordinal", "scheduled_at", "station" FROM "sessions" WHERE "scheduled_at" IS NOT NULL;--> statement-breakpoint
DROP INDEX "sessions_tournament_scheduled_idx";--> statement-breakpoint
-- The lists' whole order (time, then station, then plan order), so a page stops at its limit.
CREATE INDEX "session_schedule_tournament_at_idx" ON "session_schedule" USING btree ("tournament_id","at","station","ordinal");--> statement-breakpoint
ALTER TABLE "sessions" DROP COLUMN "scheduled_at";--> statement-breakpoint
ALTER TABLE "sessions" DROP COLUMN "station";
