-- Sessions lost their primary key in 0020 (ids carry their key and are found through it): the key
-- (tournament, ordinal) becomes the primary key, as it already was in all but name. No index is
-- added; the unique constraint's index is built again once as the primary key's.
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_tournament_ordinal_key";--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_pkey" PRIMARY KEY("tournament_id","ordinal");
