CREATE TYPE "public"."resident_request_kind" AS ENUM('disclosure', 'correction', 'erasure');--> statement-breakpoint
CREATE TYPE "public"."resident_request_status" AS ENUM('recorded', 'approved', 'rejected', 'completed');--> statement-breakpoint
CREATE TABLE "resident_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "resident_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" "resident_request_kind" NOT NULL,
	"status" "resident_request_status" DEFAULT 'recorded' NOT NULL,
	"source" text DEFAULT 'staff' NOT NULL,
	"requester_name" text,
	"identity_check" text,
	"receipt_number" text,
	"email" text,
	"phone" text,
	"details" text,
	"submission_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"received_on" date NOT NULL,
	"decision_due" date NOT NULL,
	"recorded_by_id" integer,
	"decided_by_id" integer,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"completed_by_id" integer,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retention_runs" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"last_day" date NOT NULL,
	"finished_at" timestamp with time zone DEFAULT now() NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "city_settings" ADD COLUMN "retention_voice_years" smallint DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "city_settings" ADD COLUMN "retention_contact_months" smallint DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "city_settings" ADD COLUMN "retention_photo_months" smallint DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "city_settings" ADD COLUMN "retention_audit_years" smallint DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "city_settings" ADD COLUMN "retention_mail_days" smallint DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "personal_data_erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "resident_requests" ADD CONSTRAINT "resident_requests_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_requests" ADD CONSTRAINT "resident_requests_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_requests" ADD CONSTRAINT "resident_requests_completed_by_id_users_id_fk" FOREIGN KEY ("completed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resident_requests_status_due_idx" ON "resident_requests" USING btree ("status","decision_due");--> statement-breakpoint
CREATE INDEX "submissions_retention_idx" ON "submissions" USING btree ("received_at") WHERE "submissions"."personal_data_erased_at" is null;--> statement-breakpoint
CREATE INDEX "submissions_closed_idx" ON "submissions" USING btree ("closed_at") WHERE "submissions"."closed_at" is not null;--> statement-breakpoint
CREATE INDEX "email_outbox_retention_idx" ON "email_outbox" USING btree ("created_at") WHERE "email_outbox"."erased_at" is null;--> statement-breakpoint
CREATE INDEX "email_outbox_submission_idx" ON "email_outbox" USING btree ("submission_id");--> statement-breakpoint
-- The append-only tables get one deliberate way through, for the retention periods only
-- (docs/decisions/retention-and-erasure.md): the two functions below set a transaction-local
-- flag that the trigger checks, and even then the timeline may only have its data replaced
-- (never its type, time, actor or voice; never a row removed) and the audit log may only lose
-- whole entries (never have one rewritten). The trigger itself is never disabled.
CREATE OR REPLACE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('meyasu.retention_erasure', true) = 'on' THEN
    IF TG_TABLE_NAME = 'submission_events' AND TG_OP = 'UPDATE' THEN
      IF NEW.id = OLD.id AND NEW.submission_id = OLD.submission_id AND NEW.at = OLD.at AND NEW.type = OLD.type
        AND NEW.visibility = OLD.visibility AND NEW.actor_user_id IS NOT DISTINCT FROM OLD.actor_user_id THEN
        RETURN NEW;
      END IF;
    ELSIF TG_TABLE_NAME = 'audit_log' AND TG_OP = 'DELETE' THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END;
$$;
--> statement-breakpoint
-- Replaces the data of timeline entries: `changes` is [{"id": …, "data": {…}}] with the masked
-- data the erasure job computed; returns how many entries changed.
CREATE FUNCTION retention_erase_event_data(changes jsonb) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  changed integer;
BEGIN
  PERFORM set_config('meyasu.retention_erasure', 'on', true);
  UPDATE submission_events e SET data = v.data
    FROM jsonb_to_recordset(changes) AS v(id integer, data jsonb) WHERE e.id = v.id;
  GET DIAGNOSTICS changed = ROW_COUNT;
  PERFORM set_config('meyasu.retention_erasure', 'off', true);
  RETURN changed;
END;
$$;
--> statement-breakpoint
-- Removes up to max_rows of the oldest audit entries written before `cutoff`; returns how many.
CREATE FUNCTION retention_purge_audit_log(cutoff timestamptz, max_rows integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  removed integer;
BEGIN
  PERFORM set_config('meyasu.retention_erasure', 'on', true);
  DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < cutoff ORDER BY id LIMIT max_rows);
  GET DIAGNOSTICS removed = ROW_COUNT;
  PERFORM set_config('meyasu.retention_erasure', 'off', true);
  RETURN removed;
END;
$$;
