-- Sessions carry their key in the plan (ordinal), and links name ordinals instead of ids: a
-- bracket is written in one COPY with no ids to look up, read back in plan order through one
-- index, and paged by (tournament_id, ordinal). The deferred self-referencing foreign keys go:
-- they queued a check per row until commit (a third of the bulk write at 131,072 sessions),
-- and the links are written once, with the sessions they name, in one transaction.
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_next_session_fk";--> statement-breakpoint
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_loser_next_session_fk";--> statement-breakpoint
DROP INDEX "sessions_next_session_idx";--> statement-breakpoint
DROP INDEX "sessions_loser_next_session_idx";--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "id" SET DEFAULT gen_random_uuid();--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "ordinal" integer;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "next_ordinal" integer;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "loser_next_ordinal" integer;--> statement-breakpoint
-- Existing sessions keep the order they were read in until now: group stage first, then by round and match.
UPDATE "sessions" s SET "ordinal" = o.k FROM (
  SELECT "id", (row_number() OVER (PARTITION BY "tournament_id" ORDER BY
    CASE "phase" WHEN 'GROUP' THEN 0 WHEN 'LEAGUE' THEN 1 WHEN 'SWISS' THEN 2 WHEN 'KNOCKOUT' THEN 3
      WHEN 'WINNERS' THEN 4 WHEN 'LOSERS' THEN 5 WHEN 'GRAND_FINAL' THEN 6 ELSE 7 END,
    "tournament_round", "tournament_match_number") - 1)::integer AS k
  FROM "sessions") o
WHERE o."id" = s."id";--> statement-breakpoint
UPDATE "sessions" s SET "next_ordinal" = n."ordinal" FROM "sessions" n WHERE n."id" = s."next_session_id";--> statement-breakpoint
UPDATE "sessions" s SET "loser_next_ordinal" = n."ordinal" FROM "sessions" n WHERE n."id" = s."loser_next_session_id";--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "ordinal" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" DROP COLUMN "next_session_id";--> statement-breakpoint
ALTER TABLE "sessions" DROP COLUMN "loser_next_session_id";--> statement-breakpoint
-- Exactly once: a plan written twice collides on its ordinals. (Phase, round, match) is unique
-- by construction of every plan, and its index cost as much as the rows.
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_tournament_ordinal_key" UNIQUE("tournament_id","ordinal");--> statement-breakpoint
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_tournament_phase_round_match_key";--> statement-breakpoint
-- The tables with a row per player or per session lose their foreign keys: each checked (and
-- locked) one parent row per row written, ten times the cost of writing the row. They are
-- written only under the tournament's row lock (or in the transaction that made it) and
-- deleted with it by TournamentRepository.delete; the players' side is the trigger below.
ALTER TABLE "enrollments" DROP CONSTRAINT "enrollments_tournament_id_tournaments_id_fk";--> statement-breakpoint
ALTER TABLE "enrollments" DROP CONSTRAINT "enrollments_player_id_players_id_fk";--> statement-breakpoint
ALTER TABLE "rankings" DROP CONSTRAINT "rankings_tournament_id_tournaments_id_fk";--> statement-breakpoint
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_tournament_id_tournaments_id_fk";--> statement-breakpoint
-- A player enrolled in a tournament cannot be deleted (what ON DELETE RESTRICT did). The check
-- runs with a fresh snapshot after the row is locked, and enrolling locks the players it enrolls
-- (FOR KEY SHARE), so a delete racing an enrollment waits for it and then sees it.
CREATE FUNCTION "players_enrolled_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "enrollments" WHERE "player_id" = OLD."id") THEN
    RAISE EXCEPTION 'player % is enrolled in a tournament', OLD."id" USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN OLD;
END $$;--> statement-breakpoint
CREATE TRIGGER "players_enrolled_guard" BEFORE DELETE ON "players" FOR EACH ROW EXECUTE FUNCTION "players_enrolled_guard"();--> statement-breakpoint
-- Half of each page left free: a result rewrites its row on the same page (a heap-only update,
-- no index touched), so playing a million results costs a fraction of what it did on full pages.
ALTER TABLE "sessions" SET (fillfactor = 50);
