ALTER TABLE "lobby_knocks" ALTER COLUMN "guest_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "lobby_knocks" ADD COLUMN "user_id" uuid;--> statement-breakpoint
ALTER TABLE "lobby_knocks" ADD CONSTRAINT "lobby_knocks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lobby_knocks" ADD CONSTRAINT "lobby_knocks_videoSessionId_userId_unique" UNIQUE("video_session_id","user_id");--> statement-breakpoint
ALTER TABLE "lobby_knocks" ADD CONSTRAINT "lobby_knocks_one_knocker" CHECK (num_nonnulls("lobby_knocks"."guest_id", "lobby_knocks"."user_id") = 1);