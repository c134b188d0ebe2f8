CREATE TABLE "space_glossaries" (
	"space_id" uuid PRIMARY KEY NOT NULL,
	"terms" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_glossaries_terms_max" CHECK (cardinality("space_glossaries"."terms") <= 300)
);
--> statement-breakpoint
ALTER TABLE "space_glossaries" ADD CONSTRAINT "space_glossaries_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_glossaries" ADD CONSTRAINT "space_glossaries_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;