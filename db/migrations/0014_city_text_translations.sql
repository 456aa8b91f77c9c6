ALTER TABLE "categories" ADD COLUMN "name_translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "city_closed_days" ADD COLUMN "label_translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "city_settings" ADD COLUMN "name_translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "city_settings" ADD COLUMN "promise_translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "city_settings" ADD COLUMN "office_hours_translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "name_translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "service_counters" ADD COLUMN "name_translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "service_counters" ADD COLUMN "location_translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "improvement_records" ADD COLUMN "public_summary_translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "city_boundary" ADD COLUMN "outside_hint_translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- The English wording moves into the translations map (empty English stays absent: the Japanese shows).
UPDATE "categories" SET "name_translations" = jsonb_build_object('en', "name_en") WHERE "name_en" <> '';--> statement-breakpoint
UPDATE "city_closed_days" SET "label_translations" = jsonb_build_object('en', "label_en") WHERE "label_en" <> '';--> statement-breakpoint
UPDATE "city_settings" SET "name_translations" = jsonb_strip_nulls(jsonb_build_object('en', nullif("name_en", ''))), "promise_translations" = jsonb_strip_nulls(jsonb_build_object('en', nullif("promise_en", ''))), "office_hours_translations" = jsonb_strip_nulls(jsonb_build_object('en', nullif("office_hours_en", '')));--> statement-breakpoint
UPDATE "departments" SET "name_translations" = jsonb_build_object('en', "name_en") WHERE "name_en" <> '';--> statement-breakpoint
UPDATE "service_counters" SET "name_translations" = jsonb_strip_nulls(jsonb_build_object('en', nullif("name_en", ''))), "location_translations" = jsonb_strip_nulls(jsonb_build_object('en', nullif("location_en", '')));--> statement-breakpoint
UPDATE "improvement_records" SET "public_summary_translations" = jsonb_build_object('en', "public_summary_en") WHERE coalesce("public_summary_en", '') <> '';--> statement-breakpoint
UPDATE "city_boundary" SET "outside_hint_translations" = jsonb_build_object('en', "outside_hint_en") WHERE "outside_hint_en" <> '';--> statement-breakpoint
ALTER TABLE "categories" DROP COLUMN "name_en";--> statement-breakpoint
ALTER TABLE "city_closed_days" DROP COLUMN "label_en";--> statement-breakpoint
ALTER TABLE "city_settings" DROP COLUMN "name_en";--> statement-breakpoint
ALTER TABLE "city_settings" DROP COLUMN "promise_en";--> statement-breakpoint
ALTER TABLE "city_settings" DROP COLUMN "office_hours_en";--> statement-breakpoint
ALTER TABLE "departments" DROP COLUMN "name_en";--> statement-breakpoint
ALTER TABLE "service_counters" DROP COLUMN "name_en";--> statement-breakpoint
ALTER TABLE "service_counters" DROP COLUMN "location_en";--> statement-breakpoint
ALTER TABLE "improvement_records" DROP COLUMN "public_summary_en";--> statement-breakpoint
ALTER TABLE "city_boundary" DROP COLUMN "outside_hint_en";