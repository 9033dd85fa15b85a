ALTER TABLE "rankings" ADD COLUMN "position" integer;--> statement-breakpoint
UPDATE "rankings" r SET "position" = o.position FROM (SELECT r2."tournament_id", r2."player_id", row_number() OVER (PARTITION BY r2."tournament_id" ORDER BY r2."rank", e."seed" NULLS LAST, r2."player_id")::int AS position FROM "rankings" r2 LEFT JOIN "enrollments" e ON e."tournament_id" = r2."tournament_id" AND e."player_id" = r2."player_id") o WHERE o."tournament_id" = r."tournament_id" AND o."player_id" = r."player_id";--> statement-breakpoint
ALTER TABLE "rankings" ALTER COLUMN "position" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "rankings" DROP CONSTRAINT "rankings_tournament_player_key";--> statement-breakpoint
ALTER TABLE "rankings" ADD CONSTRAINT "rankings_pkey" PRIMARY KEY("tournament_id","position");
