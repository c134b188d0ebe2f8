import type { Executor } from "@/lib/db/client";
import { localRecorderFields } from "@/lib/env/recording";
import type { WebEnv } from "@/lib/env/web";
import type { RecorderPort } from "../application/recorder-port";
import type { RecordingStorage } from "../application/recording-storage";
import type { EgressOutput } from "../domain/egress-output";
import { egressRecorder } from "./egress-recorder";
import { localRecordingStorage } from "./local-recording-storage";
import { s3RecordingStorage } from "./s3-recording-storage";

/** Where Egress writes (the S3 bucket when configured, else the shared folder). */
export function egressOutputFromEnv(env: WebEnv): EgressOutput {
  if (env.RECORDING_S3_BUCKET && env.RECORDING_S3_ACCESS_KEY && env.RECORDING_S3_SECRET) {
    return {
      kind: "s3",
      bucket: env.RECORDING_S3_BUCKET,
      region: env.RECORDING_S3_REGION,
      endpoint: env.RECORDING_S3_ENDPOINT,
      accessKey: env.RECORDING_S3_ACCESS_KEY,
      secret: env.RECORDING_S3_SECRET,
      forcePathStyle: env.RECORDING_S3_FORCE_PATH_STYLE,
      prefix: env.RECORDING_S3_PREFIX,
    };
  }
  return { kind: "dir", dir: env.RECORDING_EGRESS_DIR };
}

/**
 * The one place that picks the recorder (`RECORDER`): null without a media server, since both
 * record a LiveKit room. The local adapter (and its process management) loads on first use only.
 * The local one keeps the runs this process started, so the composition root builds it once.
 */
export function recorderFromEnv(env: WebEnv, db: Executor): RecorderPort | null {
  if (!env.LIVEKIT_URL || !env.LIVEKIT_API_KEY || !env.LIVEKIT_API_SECRET) return null;
  const livekit = { url: env.LIVEKIT_URL, apiKey: env.LIVEKIT_API_KEY, apiSecret: env.LIVEKIT_API_SECRET };
  return env.RECORDER === "egress"
    ? egressRecorder({
        apiUrl: env.LIVEKIT_API_URL ?? env.LIVEKIT_URL.replace(/^ws/, "http"),
        apiKey: livekit.apiKey,
        apiSecret: livekit.apiSecret,
        output: egressOutputFromEnv(env),
      })
    : lazyLocalRecorder(() =>
        import("./local-recorder").then((m) =>
          m.localRecorder({
            db,
            databaseUrl: env.DATABASE_URL,
            dataDir: env.DATA_DIR,
            // The server-side address when there is one: the recorder runs beside the web server.
            livekit: { ...livekit, url: env.LIVEKIT_API_URL?.replace(/^http/, "ws") ?? livekit.url },
            logLevel: env.LOG_LEVEL,
            maxConcurrent: env.RECORDER_MAX_CONCURRENT,
            env: localRecorderKnobs(env),
          }),
        ),
      );
}

/** The RECORDER_* settings of the web's environment, as the recorder process reads them. */
export function localRecorderKnobs(env: WebEnv): Record<string, string> {
  return Object.fromEntries(
    Object.keys(localRecorderFields).map((name) => [
      name,
      String(env[name as keyof typeof localRecorderFields]),
    ]),
  );
}

function lazyLocalRecorder(load: () => Promise<RecorderPort>): RecorderPort {
  let loaded: Promise<RecorderPort> | undefined;
  const get = () => (loaded ??= load());
  return {
    kind: "LOCAL",
    start: async (input) => (await get()).start(input),
    stop: async (input) => (await get()).stop(input),
  };
}

/** Files by their key: `s3://…` in the Egress bucket (when configured), the rest under $DATA_DIR. */
export function recordingStorageFromEnv(env: WebEnv): RecordingStorage {
  const local = localRecordingStorage(env.DATA_DIR);
  const output = egressOutputFromEnv(env);
  if (output.kind !== "s3") return local;
  const s3 = s3RecordingStorage(output);
  const pick = (key: string) => (key.startsWith("s3://") ? s3 : local);
  return {
    size: (key) => pick(key).size(key),
    read: (key, range) => pick(key).read(key, range),
    remove: (key) => pick(key).remove(key),
  };
}
