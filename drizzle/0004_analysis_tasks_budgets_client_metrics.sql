CREATE TABLE "transcription_client_metrics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"video_session_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"user_id" uuid,
	"client_stream_id" text NOT NULL,
	"chunks_sent" integer DEFAULT 0 NOT NULL,
	"audio_seconds_sent" numeric(12, 3) DEFAULT '0' NOT NULL,
	"transcripts_received" integer DEFAULT 0 NOT NULL,
	"reconnects" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transcription_client_metrics_participantId_clientStreamId_unique" UNIQUE("participant_id","client_stream_id")
);
--> statement-breakpoint
-- Renamed in place (drizzle-kit would drop and recreate the type, failing on existing rows).
ALTER TYPE "public"."task_status" RENAME VALUE 'IN_PROGRESS' TO 'DOING';--> statement-breakpoint
ALTER TABLE "session_analyses" ADD COLUMN "progress" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "session_analyses" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "session_analyses" ADD COLUMN "summary_points" jsonb;--> statement-breakpoint
ALTER TABLE "session_analyses" ADD COLUMN "decisions" jsonb;--> statement-breakpoint
ALTER TABLE "session_analyses" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "video_sessions" ADD COLUMN "transcript_shared" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "spaces" ADD COLUMN "monthly_transcription_budget_usd" numeric(12, 2);--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "segment_id" uuid;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "source_key" text;--> statement-breakpoint
ALTER TABLE "transcription_client_metrics" ADD CONSTRAINT "transcription_client_metrics_video_session_id_video_sessions_id_fk" FOREIGN KEY ("video_session_id") REFERENCES "public"."video_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transcription_client_metrics" ADD CONSTRAINT "transcription_client_metrics_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transcription_client_metrics" ADD CONSTRAINT "transcription_client_metrics_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "transcription_client_metrics_video_session_id_index" ON "transcription_client_metrics" USING btree ("video_session_id");--> statement-breakpoint
CREATE INDEX "transcription_client_metrics_user_id_index" ON "transcription_client_metrics" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "transcription_client_metrics_created_at_index" ON "transcription_client_metrics" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_segment_id_transcript_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."transcript_segments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_videoSessionId_sourceKey_unique" UNIQUE("video_session_id","source_key");