-- A session's progress (participants, result, outcome) leaves the wide sessions row for a narrow
-- table keyed like it (tournament, ordinal), as its times did (0010): simulating a million results
-- is one COPY into it (3.2 s of server CPU and 137 MiB of WAL at a million, measured) where the
-- UPDATE of a million session rows cost 14.5 s and 745 MiB. A row present is authoritative for
-- those columns; a session without one shows the values stored in sessions (the plan: round-one
-- participants, byes).
CREATE TABLE "session_results" (
	"tournament_id" bigint NOT NULL,
	"ordinal" integer NOT NULL,
	"participant1_id" bigint,
	"participant2_id" bigint,
	"winner_id" bigint,
	"score1" integer,
	"score2" integer,
	"result_submitted" boolean NOT NULL,
	"outcome" text,
	CONSTRAINT "session_results_pkey" PRIMARY KEY("tournament_id","ordinal"),
	CONSTRAINT "session_results_outcome_check" CHECK ("session_results"."outcome" in ('played', 'walkover', 'retired'))
);
--> statement-breakpoint
-- Results already entered move with their participants; what sessions hold besides (advanced
-- participants awaiting play) stays there and is read as before, a session without a row.
INSERT INTO "session_results" ("tournament_id", "ordinal", "participant1_id", "participant2_id", "winner_id", "score1", "score2", "result_submitted", "outcome")
  SELECT "tournament_id", "ordinal", "participant1_id", "participant2_id", "winner_id", "score1", "score2", "result_submitted", "outcome"
  FROM "sessions" WHERE "result_submitted";--> statement-breakpoint
-- Sessions as they stand: the plan with its progress laid over it, for every reader of a few rows
-- (lists, one session, counts by round, the schedule). Bulk readers read both tables and lay the
-- rows over in memory (SessionRepository.read).
CREATE VIEW "session_state" AS
  SELECT s."id", s."tournament_id", s."ordinal", s."phase", s."tournament_round", s."tournament_match_number", s."group_identifier",
    CASE WHEN r."ordinal" IS NULL THEN s."participant1_id" ELSE r."participant1_id" END AS "participant1_id",
    CASE WHEN r."ordinal" IS NULL THEN s."participant2_id" ELSE r."participant2_id" END AS "participant2_id",
    CASE WHEN r."ordinal" IS NULL THEN s."winner_id" ELSE r."winner_id" END AS "winner_id",
    CASE WHEN r."ordinal" IS NULL THEN s."score1" ELSE r."score1" END AS "score1",
    CASE WHEN r."ordinal" IS NULL THEN s."score2" ELSE r."score2" END AS "score2",
    CASE WHEN r."ordinal" IS NULL THEN s."result_submitted" ELSE r."result_submitted" END AS "result_submitted",
    CASE WHEN r."ordinal" IS NULL THEN s."outcome" ELSE r."outcome" END AS "outcome",
    s."next_ordinal", s."next_slot", s."loser_next_ordinal", s."loser_next_slot", s."attempts"
  FROM "sessions" s LEFT JOIN "session_results" r ON r."tournament_id" = s."tournament_id" AND r."ordinal" = s."ordinal";--> statement-breakpoint
-- No result rewrites a session row any more (attempts aside): pages packed full, not half empty
-- (0005). Pages written from now on; existing ones keep their free space until rewritten.
ALTER TABLE "sessions" SET (fillfactor = 100);
