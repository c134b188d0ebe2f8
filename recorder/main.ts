import { parseArgs } from "node:util";
import { dispose } from "@livekit/rtc-node";
import { buildRecorderDeps } from "./deps";
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
const shutdown = new AbortController();
for (const sig of ["SIGTERM", "SIGINT"] as const) process.on(sig, () => shutdown.abort());
const deps = buildRecorderDeps(loadRecorderEnv(), values.recording, shutdown.signal);

let code = 1;
try {
  code = await runRecorder({ recordingId: values.recording, roomName: values.room, runId: values.run }, deps);
} catch (err) {
  deps.log.error({ err }, "recorder crashed");
} finally {
  await deps.close().catch(() => {});
  await dispose().catch(() => {});
}
process.exit(code);
