CREATE TABLE "caption_recognizers" (
	"instance" text PRIMARY KEY NOT NULL,
	"engine" text NOT NULL,
	"languages" text[] NOT NULL,
	"auto_detect" boolean NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
