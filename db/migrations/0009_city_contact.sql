ALTER TABLE "city_settings" ADD COLUMN "contact_phone" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "city_settings" ADD COLUMN "contact_fax" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "city_settings" ADD COLUMN "office_hours_ja" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "city_settings" ADD COLUMN "office_hours_en" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "city_settings" ADD COLUMN "after_hours_phone" text DEFAULT '' NOT NULL;