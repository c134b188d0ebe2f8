CREATE TYPE "public"."knock_status" AS ENUM('WAITING', 'ADMITTED', 'DENIED', 'CANCELLED');--> statement-breakpoint
CREATE TABLE "lobby_knocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"video_session_id" uuid NOT NULL,
	"guest_id" uuid NOT NULL,
	"display_name" text NOT NULL,
	"status" "knock_status" DEFAULT 'WAITING' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by_user_id" uuid,
	CONSTRAINT "lobby_knocks_videoSessionId_guestId_unique" UNIQUE("video_session_id","guest_id")
);
--> statement-breakpoint
ALTER TABLE "lobby_knocks" ADD CONSTRAINT "lobby_knocks_video_session_id_video_sessions_id_fk" FOREIGN KEY ("video_session_id") REFERENCES "public"."video_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lobby_knocks" ADD CONSTRAINT "lobby_knocks_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lobby_knocks_video_session_id_status_index" ON "lobby_knocks" USING btree ("video_session_id","status");