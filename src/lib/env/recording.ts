import { z } from "zod";
import { boolFlag, setTogether } from "./parse";

/**
 * Where and how calls are recorded: every recording setting in one place. `RECORDER=local` (the
 * default) runs the embedded recorder, which writes under `$DATA_DIR/recordings`. `RECORDER=egress`
 * asks LiveKit Egress; its file goes to the S3-compatible bucket when `RECORDING_S3_BUCKET` is set,
 * else to `RECORDING_EGRESS_DIR` on the Egress host, a folder shared with the web server's
 * `$DATA_DIR/recordings`.
 */
/** How the local recorder shapes its file; the web process hands them to each recorder it starts. */
export const localRecorderFields = {
  /** The composed picture: every camera is scaled into a grid on it. */
  RECORDER_WIDTH: z.coerce.number().int().min(160).max(3840).multipleOf(2).default(1280),
  RECORDER_HEIGHT: z.coerce.number().int().min(90).max(2160).multipleOf(2).default(720),
  RECORDER_FPS: z.coerce.number().int().min(1).max(30).default(15),
  RECORDER_VIDEO_KBPS: z.coerce.number().int().min(100).max(20_000).default(1_500),
};

export const recordingFields = {
  ...localRecorderFields,
  RECORDER: z.enum(["local", "egress"]).default("local"),
  // Caps on recordings (issue 14): a local recorder is a process of ~185 MB plus GStreamer's
  // encoder, so one web process runs at most this many at once (2 fits a 2-core machine)…
  RECORDER_MAX_CONCURRENT: z.coerce.number().int().min(1).max(64).default(2),
  // …and, counted from the database across every web instance, whichever recorder is in use:
  // recordings running at once in one space and started by one user.
  RECORDER_MAX_PER_SPACE: z.coerce.number().int().min(1).max(100).default(1),
  RECORDER_MAX_PER_USER: z.coerce.number().int().min(1).max(100).default(2),
  // The Egress side's path of the folder the web server sees as $DATA_DIR/recordings.
  RECORDING_EGRESS_DIR: z.string().startsWith("/", "must be an absolute path").default("/out/recordings"),
  RECORDING_S3_BUCKET: z.string().optional(),
  RECORDING_S3_REGION: z.string().optional(),
  // For S3-compatible stores (MinIO, R2, …); unset = AWS.
  RECORDING_S3_ENDPOINT: z.url().optional(),
  RECORDING_S3_ACCESS_KEY: z.string().optional(),
  RECORDING_S3_SECRET: z.string().optional(),
  RECORDING_S3_FORCE_PATH_STYLE: boolFlag.default(false),
  // Object keys are <prefix>/<recording id>.mp4.
  RECORDING_S3_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, "must be a relative key prefix like recordings")
    .default("recordings"),
};

type RecordingEnv = {
  RECORDER: "local" | "egress";
  LIVEKIT_URL?: string;
  RECORDING_S3_BUCKET?: string;
  RECORDING_S3_ACCESS_KEY?: string;
  RECORDING_S3_SECRET?: string;
};

/** Cross-field rules, for the web schema's superRefine. */
export function checkRecordingEnv(e: RecordingEnv, ctx: z.RefinementCtx): void {
  if (e.RECORDER === "egress" && !e.LIVEKIT_URL) {
    ctx.addIssue({ code: "custom", path: ["RECORDER"], message: "egress needs LIVEKIT_URL and its API key" });
  }
  const { RECORDING_S3_BUCKET, RECORDING_S3_ACCESS_KEY, RECORDING_S3_SECRET } = e;
  setTogether(ctx, { RECORDING_S3_BUCKET, RECORDING_S3_ACCESS_KEY, RECORDING_S3_SECRET });
}
