DROP INDEX "rankings_tournament_rank_idx";--> statement-breakpoint
ALTER TABLE "tournaments" ADD COLUMN "rankings_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "tournaments" t SET "rankings_count" = r.n FROM (SELECT "tournament_id", count(*)::int AS n FROM "rankings" GROUP BY "tournament_id") r WHERE r."tournament_id" = t."id";
