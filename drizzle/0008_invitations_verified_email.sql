CREATE TABLE "space_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" "space_role" DEFAULT 'MEMBER' NOT NULL,
	"invited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "space_invitations_spaceId_email_unique" UNIQUE("space_id","email")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_verified_by" text;--> statement-breakpoint
ALTER TABLE "space_invitations" ADD CONSTRAINT "space_invitations_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_invitations" ADD CONSTRAINT "space_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "space_invitations_email_index" ON "space_invitations" USING btree ("email");--> statement-breakpoint
-- Before this migration Google addresses were stored as verified without reading Google's email_verified claim, so no stored verification is trusted: every user counts as unverified until their next verified sign-in.
UPDATE "users" SET "email_verified" = NULL;
