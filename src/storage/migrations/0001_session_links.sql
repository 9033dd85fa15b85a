-- Where winners and losers go. Deferred to commit, because a bulk insert may write a
-- session before the one it points to; checked all the same, so no session points nowhere.
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_next_session_fk" FOREIGN KEY ("next_session_id") REFERENCES "sessions"("id") ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_loser_next_session_fk" FOREIGN KEY ("loser_next_session_id") REFERENCES "sessions"("id") ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_next_slot_check" CHECK ("next_slot" IN (0, 1));--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_loser_next_slot_check" CHECK ("loser_next_slot" IN (0, 1));
