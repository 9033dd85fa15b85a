CREATE TABLE "absences" (
	"tournament_id" bigint NOT NULL,
	"player_id" bigint NOT NULL,
	"round" integer NOT NULL,
	"code" text NOT NULL,
	CONSTRAINT "absences_tournament_id_player_id_round_pk" PRIMARY KEY("tournament_id","player_id","round"),
	CONSTRAINT "absences_code_check" CHECK ("absences"."code" in ('H', 'F', 'Z'))
);
