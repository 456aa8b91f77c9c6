ALTER TYPE "public"."token_purpose" ADD VALUE 'sign_in_unlock';--> statement-breakpoint
ALTER TABLE "city_settings" ADD COLUMN "allow_self_approval" boolean DEFAULT false NOT NULL;