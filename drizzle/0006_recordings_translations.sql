CREATE TYPE "public"."recorder_kind" AS ENUM('LOCAL', 'EGRESS');--> statement-breakpoint
CREATE TYPE "public"."recording_status" AS ENUM('STARTING', 'RECORDING', 'PROCESSING', 'READY', 'FAILED');--> statement-breakpoint
CREATE TABLE "recordings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"video_session_id" uuid NOT NULL,
	"started_by_user_id" uuid,
	"recorder" "recorder_kind" NOT NULL,
	"external_id" text,
	"status" "recording_status" DEFAULT 'STARTING' NOT NULL,
	"failure_reason" text,
	"stop_requested_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"duration_ms" integer,
	"size_bytes" bigint,
	"storage_key" text,
	"mime_type" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transcript_segment_translations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"video_session_id" uuid NOT NULL,
	"utterance_id" text NOT NULL,
	"language" text NOT NULL,
	"text" text NOT NULL,
	"provider" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transcript_segment_translations_videoSessionId_utteranceId_language_unique" UNIQUE("video_session_id","utterance_id","language")
);
--> statement-breakpoint
ALTER TABLE "video_sessions" ADD COLUMN "recording_allowed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "recordings" ADD CONSTRAINT "recordings_video_session_id_video_sessions_id_fk" FOREIGN KEY ("video_session_id") REFERENCES "public"."video_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recordings" ADD CONSTRAINT "recordings_started_by_user_id_users_id_fk" FOREIGN KEY ("started_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transcript_segment_translations" ADD CONSTRAINT "transcript_segment_translations_video_session_id_video_sessions_id_fk" FOREIGN KEY ("video_session_id") REFERENCES "public"."video_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recordings_video_session_id_index" ON "recordings" USING btree ("video_session_id");--> statement-breakpoint
CREATE INDEX "recordings_status_index" ON "recordings" USING btree ("status");--> statement-breakpoint
CREATE INDEX "recordings_external_id_index" ON "recordings" USING btree ("external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "recordings_one_active_per_session" ON "recordings" USING btree ("video_session_id") WHERE "recordings"."status" in ('STARTING', 'RECORDING');--> statement-breakpoint
CREATE INDEX "transcript_segment_translations_video_session_id_index" ON "transcript_segment_translations" USING btree ("video_session_id");