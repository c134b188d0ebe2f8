import { parseArgs } from "node:util";
import { dispose } from "@livekit/rtc-node";
import { createDb } from "@/lib/db/client";
import { createLogger } from "@/lib/logger";
import { applyRecorderEvent } from "@/modules/core/recording/application/apply-recorder-event";
import { readRecorderControl } from "@/modules/core/recording/infra/recorder-control";
import { loadRecorderEnv } from "./env";
import { runRecorder } from "./run-recorder";

/**
 * The local recorder process, one per recording:
 * `node --import tsx recorder/main.ts --recording <id> --room <room> --run <run id>`.
 * Started detached by the web process (`infra/local-recorder.ts`); reports through the same
 * use-case as Egress webhooks. SIGTERM finishes the file.
 */
const { values } = parseArgs({
  options: { recording: { type: "string" }, room: { type: "string" }, run: { type: "string" } },
});
if (!values.recording || !values.room || !values.run) {
  console.error("usage: recorder/main.ts --recording <recording id> --room <room name> --run <run id>");
  process.exit(2);
}
const env = loadRecorderEnv();
const log = createLogger("recorder", env.LOG_LEVEL);
const { db, pool } = createDb(env.DATABASE_URL, { max: 2 });
const shutdown = new AbortController();
for (const sig of ["SIGTERM", "SIGINT"] as const) process.on(sig, () => shutdown.abort());

const recordingId = values.recording;
let code = 1;
try {
  code = await runRecorder(
    { recordingId, roomName: values.room, runId: values.run },
    {
      env,
      log,
      report: async (event) => {
        await applyRecorderEvent(db, event);
      },
      control: () => readRecorderControl(db, recordingId),
      shutdown: shutdown.signal,
    },
  );
} catch (err) {
  log.error({ err }, "recorder crashed");
} finally {
  await pool.end().catch(() => {});
  await dispose().catch(() => {});
}
process.exit(code);
