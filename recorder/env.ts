import { z } from "zod";
import { dataDir, logLevel, nodeEnv, postgresUrl, wsUrl } from "@/lib/env/fields";
import { parseEnv, type EnvSource } from "@/lib/env/parse";

/**
 * The local recorder's configuration. The web process starts it with its own values (database,
 * data dir, LiveKit credentials), so there is nothing to set by hand; the RECORDER_* knobs shape
 * the file.
 */
const schema = z.object({
  NODE_ENV: nodeEnv(),
  DATABASE_URL: postgresUrl("the web process passes its own"),
  DATA_DIR: dataDir(),
  LIVEKIT_URL: wsUrl(),
  LIVEKIT_API_KEY: z.string().min(1),
  LIVEKIT_API_SECRET: z.string().min(1),
  LOG_LEVEL: logLevel(),
  /** The composed picture: every camera is scaled into a grid on it. */
  RECORDER_WIDTH: z.coerce.number().int().min(160).max(3840).multipleOf(2).default(1280),
  RECORDER_HEIGHT: z.coerce.number().int().min(90).max(2160).multipleOf(2).default(720),
  RECORDER_FPS: z.coerce.number().int().min(1).max(30).default(15),
  RECORDER_VIDEO_KBPS: z.coerce.number().int().min(100).max(20_000).default(1_500),
});

export type RecorderEnv = z.output<typeof schema>;

export function loadRecorderEnv(source: EnvSource = process.env): RecorderEnv {
  return parseEnv("recorder", schema, source);
}
