CREATE TYPE "public"."action_kind" AS ENUM('plan', 'spread');--> statement-breakpoint
CREATE TYPE "public"."closed_day_kind" AS ENUM('annual', 'date');--> statement-breakpoint
CREATE TYPE "public"."department_level" AS ENUM('bu', 'ka');--> statement-breakpoint
CREATE TYPE "public"."effectiveness" AS ENUM('effective', 'partly', 'not_effective');--> statement-breakpoint
CREATE TYPE "public"."finding_class" AS ENUM('nonconformity', 'potential_nonconformity', 'request', 'opportunity', 'minor_fix', 'recommendation', 'minor_nonconformity');--> statement-breakpoint
CREATE TYPE "public"."improvement_level" AS ENUM('operations', 'people', 'programme', 'workplace', 'strategy');--> statement-breakpoint
CREATE TYPE "public"."improvement_source" AS ENUM('voice', 'counter_survey', 'staff_suggestion', 'internal_audit', 'external_audit', 'management_review', 'mayor_instruction');--> statement-breakpoint
CREATE TYPE "public"."improvement_stage" AS ENUM('plan', 'do', 'check', 'act', 'closed');--> statement-breakpoint
CREATE TYPE "public"."improvement_type" AS ENUM('corrective', 'preventive', 'improvement');--> statement-breakpoint
CREATE TYPE "public"."outbox_status" AS ENUM('pending', 'sending', 'sent', 'dead');--> statement-breakpoint
CREATE TYPE "public"."reply_kind" AS ENUM('final', 'interim');--> statement-breakpoint
CREATE TYPE "public"."reply_resolved" AS ENUM('yes', 'partly', 'no');--> statement-breakpoint
CREATE TYPE "public"."reply_status" AS ENUM('draft', 'awaiting_approval', 'returned', 'approved', 'sent');--> statement-breakpoint
CREATE TYPE "public"."staff_role" AS ENUM('staff', 'manager', 'reform', 'mayor', 'auditor', 'admin');--> statement-breakpoint
CREATE TYPE "public"."submission_channel" AS ENUM('web', 'phone', 'fax', 'counter', 'letter', 'email', 'staff_box', 'api');--> statement-breakpoint
CREATE TYPE "public"."submission_kind" AS ENUM('idea', 'complaint', 'request', 'question', 'praise');--> statement-breakpoint
CREATE TYPE "public"."submission_outcome" AS ENUM('realized', 'considering', 'difficult', 'reference', 'other');--> statement-breakpoint
CREATE TYPE "public"."submission_status" AS ENUM('received', 'triaged', 'in_progress', 'answered', 'closed', 'merged', 'referred', 'not_actionable', 'hidden');--> statement-breakpoint
CREATE TYPE "public"."timeline_visibility" AS ENUM('public', 'internal');--> statement-breakpoint
CREATE TYPE "public"."token_purpose" AS ENUM('invite', 'password_reset');--> statement-breakpoint
CREATE TABLE "api_clients" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_clients_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_clients_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "categories_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name_ja" text NOT NULL,
	"name_en" text NOT NULL,
	"default_department_id" integer,
	"reply_target_days" smallint DEFAULT 10 NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "categories_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "city_closed_days" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "city_closed_days_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" "closed_day_kind" NOT NULL,
	"month" smallint,
	"day" smallint,
	"date" date,
	"label_ja" text NOT NULL,
	"label_en" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "city_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"name_ja" text NOT NULL,
	"name_en" text NOT NULL,
	"promise_ja" text NOT NULL,
	"promise_en" text NOT NULL,
	"default_reply_target_days" smallint DEFAULT 10 NOT NULL,
	"require_totp_for_admin_and_mayor" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "departments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"level" "department_level" NOT NULL,
	"parent_id" integer,
	"name_ja" text NOT NULL,
	"name_en" text NOT NULL,
	"is_reform_team" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "departments_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "reply_templates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reply_templates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"category_id" integer,
	"language" text DEFAULT 'ja' NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_counters" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_counters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name_ja" text NOT NULL,
	"name_en" text NOT NULL,
	"department_id" integer NOT NULL,
	"location_ja" text,
	"location_en" text,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "service_counters_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"second_factor_at" timestamp with time zone,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "user_tokens" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "user_tokens_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"purpose" "token_purpose" NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"role" "staff_role" NOT NULL,
	"department_id" integer,
	"password_hash" text,
	"totp_secret" text,
	"totp_enabled_at" timestamp with time zone,
	"language" text DEFAULT 'ja' NOT NULL,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "counter_surveys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "counter_surveys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"counter_id" integer NOT NULL,
	"speed" smallint NOT NULL,
	"courtesy" smallint NOT NULL,
	"clarity" smallint NOT NULL,
	"overall" smallint NOT NULL,
	"comment" text,
	"language" text DEFAULT 'ja' NOT NULL,
	"converted_submission_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "counter_surveys_scores_range" CHECK ("counter_surveys"."speed" between 1 and 5 and "counter_surveys"."courtesy" between 1 and 5 and "counter_surveys"."clarity" between 1 and 5 and "counter_surveys"."overall" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"submission_id" integer,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "receipt_sequences" (
	"fiscal_year" smallint PRIMARY KEY NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "replies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "replies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"submission_id" integer NOT NULL,
	"kind" "reply_kind" DEFAULT 'final' NOT NULL,
	"status" "reply_status" DEFAULT 'draft' NOT NULL,
	"body" text NOT NULL,
	"interim_reason" text,
	"new_due_date" date,
	"template_id" integer,
	"author_id" integer NOT NULL,
	"approver_id" integer,
	"approval_comment" text,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reply_ratings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reply_ratings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"submission_id" integer NOT NULL,
	"reply_id" integer,
	"resolved" "reply_resolved" NOT NULL,
	"satisfaction" smallint NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reply_ratings_satisfaction_range" CHECK ("reply_ratings"."satisfaction" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "submission_contacts" (
	"submission_id" integer PRIMARY KEY NOT NULL,
	"family_name" text,
	"given_name" text,
	"family_name_kana" text,
	"given_name_kana" text,
	"email" text,
	"phone" text,
	"address" text
);
--> statement-breakpoint
CREATE TABLE "submission_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "submission_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"submission_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" integer,
	"type" text NOT NULL,
	"visibility" timeline_visibility NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "submission_photos" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "submission_photos_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"submission_id" integer NOT NULL,
	"storage_key" text NOT NULL,
	"mime_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "submissions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"fiscal_year" smallint NOT NULL,
	"receipt_number" text NOT NULL,
	"tracking_token_hash" text NOT NULL,
	"kind" "submission_kind" NOT NULL,
	"channel" "submission_channel" NOT NULL,
	"status" "submission_status" DEFAULT 'received' NOT NULL,
	"outcome" "submission_outcome",
	"category_id" integer,
	"department_id" integer,
	"assignee_id" integer,
	"counter_id" integer,
	"priority" smallint DEFAULT 0 NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"language" text DEFAULT 'ja' NOT NULL,
	"place_text" text,
	"postcode" text,
	"latitude" double precision,
	"longitude" double precision,
	"anonymous" boolean DEFAULT true NOT NULL,
	"reply_wanted" boolean DEFAULT false NOT NULL,
	"consent_to_publish" boolean DEFAULT false NOT NULL,
	"non_essential_mail_opt_out" boolean DEFAULT false NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_date" date,
	"mayor_reviewed_at" timestamp with time zone,
	"mayor_reviewed_by_id" integer,
	"merged_into_id" integer,
	"referred_to" text,
	"not_actionable_reason" text,
	"hidden_reason" text,
	"negative_rating" boolean DEFAULT false NOT NULL,
	"entered_by_id" integer,
	"staff_author_id" integer,
	"staff_author_hidden" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"published_title" text,
	"published_body" text,
	"published_reply" text,
	"search_bigrams" text[] DEFAULT '{}'::text[] NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "submissions_receipt_number_unique" UNIQUE("receipt_number"),
	CONSTRAINT "submissions_tracking_token_hash_unique" UNIQUE("tracking_token_hash"),
	CONSTRAINT "submissions_priority_range" CHECK ("submissions"."priority" between 0 and 3)
);
--> statement-breakpoint
CREATE TABLE "audit_findings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_findings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"auditor_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"finding_class" "finding_class" NOT NULL,
	"external_body" text,
	"description" text NOT NULL,
	"found_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "improvement_actions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "improvement_actions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"record_id" integer NOT NULL,
	"kind" "action_kind" DEFAULT 'plan' NOT NULL,
	"description" text NOT NULL,
	"owner_department_id" integer,
	"owner_user_id" integer,
	"due_date" date,
	"done_at" timestamp with time zone,
	"evidence" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "improvement_record_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "improvement_record_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"record_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" integer,
	"type" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "improvement_record_submissions" (
	"record_id" integer NOT NULL,
	"submission_id" integer NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "improvement_record_submissions_record_id_submission_id_pk" PRIMARY KEY("record_id","submission_id")
);
--> statement-breakpoint
CREATE TABLE "improvement_records" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "improvement_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"number" text NOT NULL,
	"title" text NOT NULL,
	"type" "improvement_type" NOT NULL,
	"finding_class" "finding_class" NOT NULL,
	"level" "improvement_level" NOT NULL,
	"source" "improvement_source" NOT NULL,
	"stage" "improvement_stage" DEFAULT 'plan' NOT NULL,
	"owner_department_id" integer NOT NULL,
	"owner_user_id" integer,
	"due_date" date,
	"audit_finding_id" integer,
	"problem_statement" text NOT NULL,
	"immediate_correction" text,
	"correction_consequences" text,
	"cause_analysis" text,
	"similar_problems" text,
	"check_due_date" date,
	"effectiveness" "effectiveness",
	"effectiveness_evidence" text,
	"checked_at" timestamp with time zone,
	"checked_by_id" integer,
	"standardisation" text,
	"risks_updated" text,
	"public_summary_ja" text,
	"public_summary_en" text,
	"closed_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"archive_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "improvement_records_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "management_review_decisions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "management_review_decisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"review_id" integer NOT NULL,
	"decision" text NOT NULL,
	"improvement_record_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "management_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "management_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"held_on" date,
	"notes" text,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"ip" text,
	"user_agent" text,
	"request_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "email_outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"idempotency_key" text NOT NULL,
	"template" text NOT NULL,
	"language" text DEFAULT 'ja' NOT NULL,
	"to_address" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "outbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"provider_message_id" text,
	"submission_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "email_outbox_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "api_clients" ADD CONSTRAINT "api_clients_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_default_department_id_departments_id_fk" FOREIGN KEY ("default_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_parent_id_departments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_templates" ADD CONSTRAINT "reply_templates_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_counters" ADD CONSTRAINT "service_counters_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counter_surveys" ADD CONSTRAINT "counter_surveys_counter_id_service_counters_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."service_counters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counter_surveys" ADD CONSTRAINT "counter_surveys_converted_submission_id_submissions_id_fk" FOREIGN KEY ("converted_submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replies" ADD CONSTRAINT "replies_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replies" ADD CONSTRAINT "replies_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replies" ADD CONSTRAINT "replies_approver_id_users_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_ratings" ADD CONSTRAINT "reply_ratings_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_ratings" ADD CONSTRAINT "reply_ratings_reply_id_replies_id_fk" FOREIGN KEY ("reply_id") REFERENCES "public"."replies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_contacts" ADD CONSTRAINT "submission_contacts_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_events" ADD CONSTRAINT "submission_events_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_events" ADD CONSTRAINT "submission_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_photos" ADD CONSTRAINT "submission_photos_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_counter_id_service_counters_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."service_counters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_mayor_reviewed_by_id_users_id_fk" FOREIGN KEY ("mayor_reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_merged_into_id_submissions_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_entered_by_id_users_id_fk" FOREIGN KEY ("entered_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_staff_author_id_users_id_fk" FOREIGN KEY ("staff_author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_findings" ADD CONSTRAINT "audit_findings_auditor_id_users_id_fk" FOREIGN KEY ("auditor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_findings" ADD CONSTRAINT "audit_findings_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_record_id_improvement_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."improvement_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_owner_department_id_departments_id_fk" FOREIGN KEY ("owner_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_record_events" ADD CONSTRAINT "improvement_record_events_record_id_improvement_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."improvement_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_record_events" ADD CONSTRAINT "improvement_record_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_record_submissions" ADD CONSTRAINT "improvement_record_submissions_record_id_improvement_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."improvement_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_record_submissions" ADD CONSTRAINT "improvement_record_submissions_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_records" ADD CONSTRAINT "improvement_records_owner_department_id_departments_id_fk" FOREIGN KEY ("owner_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_records" ADD CONSTRAINT "improvement_records_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_records" ADD CONSTRAINT "improvement_records_audit_finding_id_audit_findings_id_fk" FOREIGN KEY ("audit_finding_id") REFERENCES "public"."audit_findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_records" ADD CONSTRAINT "improvement_records_checked_by_id_users_id_fk" FOREIGN KEY ("checked_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_records" ADD CONSTRAINT "improvement_records_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_review_decisions" ADD CONSTRAINT "management_review_decisions_review_id_management_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."management_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_review_decisions" ADD CONSTRAINT "management_review_decisions_improvement_record_id_improvement_records_id_fk" FOREIGN KEY ("improvement_record_id") REFERENCES "public"."improvement_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_reviews" ADD CONSTRAINT "management_reviews_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_idx" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "counter_surveys_counter_created_idx" ON "counter_surveys" USING btree ("counter_id","created_at");--> statement-breakpoint
CREATE INDEX "replies_submission_idx" ON "replies" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "replies_status_idx" ON "replies" USING btree ("status");--> statement-breakpoint
CREATE INDEX "reply_ratings_submission_idx" ON "reply_ratings" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "reply_ratings_created_idx" ON "reply_ratings" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "submission_events_submission_idx" ON "submission_events" USING btree ("submission_id","at");--> statement-breakpoint
CREATE INDEX "submission_photos_submission_idx" ON "submission_photos" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "submissions_status_received_idx" ON "submissions" USING btree ("status","received_at");--> statement-breakpoint
CREATE INDEX "submissions_department_due_idx" ON "submissions" USING btree ("department_id","due_date");--> statement-breakpoint
CREATE INDEX "submissions_received_idx" ON "submissions" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "submissions_assignee_idx" ON "submissions" USING btree ("assignee_id");--> statement-breakpoint
CREATE INDEX "submissions_category_idx" ON "submissions" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "submissions_mayor_queue_idx" ON "submissions" USING btree ("received_at") WHERE "submissions"."mayor_reviewed_at" is null;--> statement-breakpoint
CREATE INDEX "submissions_published_idx" ON "submissions" USING btree ("published_at") WHERE "submissions"."published_at" is not null;--> statement-breakpoint
CREATE INDEX "submissions_bigrams_idx" ON "submissions" USING gin ("search_bigrams");--> statement-breakpoint
CREATE INDEX "improvement_actions_record_idx" ON "improvement_actions" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "improvement_actions_due_idx" ON "improvement_actions" USING btree ("due_date");--> statement-breakpoint
CREATE INDEX "improvement_record_events_record_idx" ON "improvement_record_events" USING btree ("record_id","at");--> statement-breakpoint
CREATE INDEX "irs_submission_idx" ON "improvement_record_submissions" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "improvement_records_stage_idx" ON "improvement_records" USING btree ("stage");--> statement-breakpoint
CREATE INDEX "improvement_records_owner_idx" ON "improvement_records" USING btree ("owner_department_id");--> statement-breakpoint
CREATE INDEX "improvement_records_closed_idx" ON "improvement_records" USING btree ("closed_at") WHERE "improvement_records"."closed_at" is not null;--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "email_outbox_due_idx" ON "email_outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "rate_limits_expire_idx" ON "rate_limits" USING btree ("expire");