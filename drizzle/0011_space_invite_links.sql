CREATE TABLE "space_invite_links" (
	"space_id" uuid PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"role" "space_role" DEFAULT 'MEMBER' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_invite_links_token_unique" UNIQUE("token")
);
--> statement-breakpoint
ALTER TABLE "space_invite_links" ADD CONSTRAINT "space_invite_links_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_invite_links" ADD CONSTRAINT "space_invite_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;