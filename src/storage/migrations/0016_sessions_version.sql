-- Bumped by every write of a tournament's sessions or their results (SessionRepository, under the
-- tournament's row lock), so a process that kept the sessions it last wrote in bulk (a simulation's
-- table) knows whether they are still what the database holds: the ranking that follows takes them
-- instead of reading a million sessions again. Existing tournaments start at 0; no process keeps
-- anything across the migration.
ALTER TABLE "tournaments" ADD COLUMN "sessions_version" integer DEFAULT 0 NOT NULL;
