import { z } from "zod";
import { dataDir, logLevel, nodeEnv, postgresUrl, wsUrl } from "@/lib/env/fields";
import { parseEnv, type EnvSource } from "@/lib/env/parse";
import { localRecorderFields } from "@/lib/env/recording";

/**
 * The local recorder's configuration. The web process starts it with its own values (database,
 * data dir, LiveKit credentials and the RECORDER_* knobs that shape the file, set in the web's
 * environment), so there is nothing to set here by hand.
 */
const schema = z.object({
  NODE_ENV: nodeEnv(),
  DATABASE_URL: postgresUrl("the web process passes its own"),
  DATA_DIR: dataDir(),
  LIVEKIT_URL: wsUrl(),
  LIVEKIT_API_KEY: z.string().min(1),
  LIVEKIT_API_SECRET: z.string().min(1),
  LOG_LEVEL: logLevel(),
  ...localRecorderFields,
});

export type RecorderEnv = z.output<typeof schema>;

export function loadRecorderEnv(source: EnvSource = process.env): RecorderEnv {
  return parseEnv("recorder", schema, source);
}
