-- The lists read a tournament's times in order (station and plan order sorted within each moment): one key
-- fewer to write per time than (tournament, at, station, ordinal), a fifth of a plan's COPY.
DROP INDEX "session_schedule_tournament_at_idx";--> statement-breakpoint
CREATE INDEX "session_schedule_tournament_at_idx" ON "session_schedule" USING btree ("tournament_id","at");