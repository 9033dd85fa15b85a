-- A session's id carries its key (tournament, ordinal) from now on (storage/ordered-uuid.ts,
-- sessionId: version 8 UUIDs from ff000000-…) and is found through the (tournament, ordinal) key
-- (storage/session-keys.ts): the index of ids goes, which cost 0.5-0.6 s of PostgreSQL's CPU and
-- some 70 MiB of WAL per million sessions written. The ids already there (v4 and v7, all below
-- ff000000-…) keep a unique index of their own, built here from the rows; new ids are not in it.
CREATE UNIQUE INDEX "sessions_id_key" ON "sessions" USING btree ("id") WHERE "sessions"."id" < 'ff000000-0000-0000-0000-000000000000'::uuid;--> statement-breakpoint
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_pkey";
