CREATE TABLE "city_boundary" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"coordinates" jsonb NOT NULL,
	"vertex_count" integer NOT NULL,
	"outside_hint_ja" text NOT NULL,
	"outside_hint_en" text DEFAULT '' NOT NULL,
	"refer_to" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_id" integer
);
--> statement-breakpoint
ALTER TABLE "city_boundary" ADD CONSTRAINT "city_boundary_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;