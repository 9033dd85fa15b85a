CREATE TABLE "enrollments" (
	"tournament_id" bigint NOT NULL,
	"player_id" bigint NOT NULL,
	"seed" integer NOT NULL,
	CONSTRAINT "enrollments_tournament_player_key" UNIQUE("tournament_id","player_id"),
	CONSTRAINT "enrollments_tournament_seed_key" UNIQUE("tournament_id","seed")
);
--> statement-breakpoint
CREATE TABLE "players" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rankings" (
	"tournament_id" bigint NOT NULL,
	"player_id" bigint NOT NULL,
	"rank" integer NOT NULL,
	"points" real NOT NULL,
	"wins" integer NOT NULL,
	"draws" integer NOT NULL,
	"losses" integer NOT NULL,
	"score_for" integer NOT NULL,
	"score_against" integer NOT NULL,
	CONSTRAINT "rankings_tournament_player_key" UNIQUE("tournament_id","player_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tournament_id" bigint NOT NULL,
	"phase" text NOT NULL,
	"tournament_round" integer NOT NULL,
	"tournament_match_number" integer NOT NULL,
	"group_identifier" text,
	"participant1_id" bigint,
	"participant2_id" bigint,
	"winner_id" bigint,
	"score1" integer,
	"score2" integer,
	"result_submitted" boolean DEFAULT false NOT NULL,
	"next_session_id" uuid,
	"next_slot" smallint,
	"loser_next_session_id" uuid,
	"loser_next_slot" smallint,
	CONSTRAINT "sessions_tournament_phase_round_match_key" UNIQUE("tournament_id","phase","tournament_round","tournament_match_number"),
	CONSTRAINT "sessions_phase_check" CHECK ("sessions"."phase" in ('KNOCKOUT', 'GROUP', 'LEAGUE', 'SWISS'))
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tournament_id" bigint NOT NULL,
	"kind" text DEFAULT 'generate-sessions' NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"enqueued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"metrics" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	"worker" text,
	CONSTRAINT "tasks_status_check" CHECK ("tasks"."status" in ('queued', 'running', 'done', 'error'))
);
--> statement-breakpoint
CREATE TABLE "tournaments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"format" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'DRAFT' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tournaments_status_check" CHECK ("tournaments"."status" in ('DRAFT', 'ENROLLMENT_OPEN', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('admin', 'operator', 'viewer'))
);
--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_tournament_id_tournaments_id_fk" FOREIGN KEY ("tournament_id") REFERENCES "public"."tournaments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_player_id_players_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."players"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rankings" ADD CONSTRAINT "rankings_tournament_id_tournaments_id_fk" FOREIGN KEY ("tournament_id") REFERENCES "public"."tournaments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_tournament_id_tournaments_id_fk" FOREIGN KEY ("tournament_id") REFERENCES "public"."tournaments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_tournament_id_tournaments_id_fk" FOREIGN KEY ("tournament_id") REFERENCES "public"."tournaments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rankings_tournament_rank_idx" ON "rankings" USING btree ("tournament_id","rank");--> statement-breakpoint
CREATE INDEX "tasks_tournament_idx" ON "tasks" USING btree ("tournament_id");--> statement-breakpoint
CREATE INDEX "tournaments_status_idx" ON "tournaments" USING btree ("status");