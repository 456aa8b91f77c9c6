-- Analytics rollups (docs/decisions/analytics-rollups.md). Created empty: the first
-- refreshAnalyticsRollups (the worker runs one when it starts) fills them from every voice.
CREATE TABLE "analytics_answered_voices" (
	"grain" text NOT NULL,
	"bucket" date NOT NULL,
	"department_id" integer,
	"category_id" integer,
	"business_days" integer NOT NULL,
	"calendar_days" integer NOT NULL,
	"answered" integer NOT NULL,
	"with_due_date" integer NOT NULL,
	"on_time" integer NOT NULL,
	"late" integer NOT NULL,
	"extended_by_interim" integer NOT NULL,
	CONSTRAINT "analytics_answered_voices_grain" CHECK ("analytics_answered_voices"."grain" in ('day', 'month'))
);
--> statement-breakpoint
CREATE TABLE "analytics_counter_surveys" (
	"grain" text NOT NULL,
	"bucket" date NOT NULL,
	"counter_id" integer NOT NULL,
	"surveys" integer NOT NULL,
	"speed_sum" integer NOT NULL,
	"courtesy_sum" integer NOT NULL,
	"clarity_sum" integer NOT NULL,
	"overall_sum" integer NOT NULL,
	CONSTRAINT "analytics_counter_surveys_grain" CHECK ("analytics_counter_surveys"."grain" in ('day', 'month'))
);
--> statement-breakpoint
CREATE TABLE "analytics_open_voices" (
	"department_id" integer,
	"due_date" date NOT NULL,
	"received_on" date NOT NULL,
	"voices" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_reply_ratings" (
	"grain" text NOT NULL,
	"bucket" date NOT NULL,
	"department_id" integer,
	"category_id" integer,
	"satisfaction" smallint NOT NULL,
	"resolved" "reply_resolved" NOT NULL,
	"ratings" integer NOT NULL,
	CONSTRAINT "analytics_reply_ratings_grain" CHECK ("analytics_reply_ratings"."grain" in ('day', 'month'))
);
--> statement-breakpoint
CREATE TABLE "analytics_rollup_state" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"refreshed_from" date,
	"full_refreshed_at" timestamp with time zone NOT NULL,
	"calendar_key" text NOT NULL,
	"duration_ms" integer NOT NULL,
	CONSTRAINT "analytics_rollup_state_one_row" CHECK ("analytics_rollup_state"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "analytics_voice_volumes" (
	"grain" text NOT NULL,
	"bucket" date NOT NULL,
	"department_id" integer,
	"category_id" integer,
	"kind" "submission_kind" NOT NULL,
	"channel" "submission_channel" NOT NULL,
	"voices" integer NOT NULL,
	"mayor_reviewed" integer NOT NULL,
	CONSTRAINT "analytics_voice_volumes_grain" CHECK ("analytics_voice_volumes"."grain" in ('day', 'month'))
);
--> statement-breakpoint
CREATE INDEX "analytics_answered_voices_bucket_idx" ON "analytics_answered_voices" USING btree ("grain","bucket");--> statement-breakpoint
CREATE INDEX "analytics_counter_surveys_bucket_idx" ON "analytics_counter_surveys" USING btree ("grain","bucket");--> statement-breakpoint
CREATE INDEX "analytics_reply_ratings_bucket_idx" ON "analytics_reply_ratings" USING btree ("grain","bucket");--> statement-breakpoint
CREATE INDEX "analytics_voice_volumes_bucket_idx" ON "analytics_voice_volumes" USING btree ("grain","bucket");