-- One index where there were two: the (tournament, player) key and the player index become one
-- unique (player, tournament) key, which keeps a player enrolled once per tournament and answers
-- the players_enrolled_guard's lookup by player alike. Every index costs each enrollment written
-- (a scenario launch writes a million): a 1,048,576-player launch's backend CPU fell 12 %.
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_player_tournament_key" UNIQUE("player_id","tournament_id");--> statement-breakpoint
ALTER TABLE "enrollments" DROP CONSTRAINT "enrollments_tournament_player_key";--> statement-breakpoint
DROP INDEX "enrollments_player_idx";
