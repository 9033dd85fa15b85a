ALTER TABLE "tournaments" ADD COLUMN "sessions_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "tournaments" t SET "sessions_count" = s.n FROM (SELECT "tournament_id", count(*)::int AS n FROM "sessions" GROUP BY "tournament_id") s WHERE s."tournament_id" = t."id";
