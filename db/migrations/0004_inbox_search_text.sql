ALTER TABLE "submissions" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(normalize(title || ' ' || body, NFKC))) STORED;--> statement-breakpoint
CREATE INDEX "submissions_department_status_kind_due_idx" ON "submissions" USING btree ("department_id","status","kind","due_date");--> statement-breakpoint
-- The new column has no statistics until analysed; the search plans need them.
ANALYZE "submissions";