CREATE TYPE "public"."improvement_photo_label" AS ENUM('before', 'after');--> statement-breakpoint
CREATE TABLE "improvement_photos" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "improvement_photos_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"record_id" integer NOT NULL,
	"stage" "improvement_stage" NOT NULL,
	"label" "improvement_photo_label" NOT NULL,
	"caption" text NOT NULL,
	"storage_key" text NOT NULL,
	"mime_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" integer NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"added_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "improvement_photos" ADD CONSTRAINT "improvement_photos_record_id_improvement_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."improvement_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_photos" ADD CONSTRAINT "improvement_photos_added_by_id_users_id_fk" FOREIGN KEY ("added_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "improvement_photos_record_idx" ON "improvement_photos" USING btree ("record_id");