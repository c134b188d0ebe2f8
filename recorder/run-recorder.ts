import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { AccessToken } from "livekit-server-sdk";
import type { Logger } from "pino";
import type { RecorderEvent } from "@/modules/core/recording/application/recorder-port";
import type { RecorderControl } from "@/modules/core/recording/infra/recorder-control";
import { AudioMix } from "./audio-mix";
import { ClockedWriter } from "./clocked-writer";
import type { RecorderEnv } from "./env";
import { EXTENSION, MIME_TYPE, Pipeline, probeDurationMs, type PipelineSettings } from "./pipeline";
import { RoomFeed } from "./room-feed";

export type RecorderRun = { recordingId: string; roomName: string; runId: string };

export type RecorderDeps = {
  env: RecorderEnv;
  log: Logger;
  report: (event: RecorderEvent) => Promise<void>;
  /** The row's current say: stop asked, session ended, or the row gone / decided elsewhere. */
  control: () => Promise<RecorderControl | null>;
  /** Aborted on SIGTERM/SIGINT: finish the file as if asked to stop. */
  shutdown: AbortSignal;
};

const HEARTBEAT_MS = 2_000;
const POLL_MS = 1_000;
// 0.5 + 1 + 2 + 4 + 8 s: within the stale-heartbeat window (heartbeats go on meanwhile).
const FINAL_REPORT_RETRIES = 5;
// The encoder is this far behind the clock: the machine cannot keep up, the file would only lag more.
const MAX_BACKLOG_BYTES = 256 * 1024 * 1024;

type Outcome =
  { kind: "finish"; why: string } | { kind: "fail"; reason: string } | { kind: "abandon"; why: string };

/** Where a recording's file lives, relative to DATA_DIR (the storage key) and on disk. */
export function recordingPaths(dataDir: string, recordingId: string) {
  const storageKey = path.posix.join("recordings", `${recordingId}.${EXTENSION}`);
  const file = path.join(dataDir, storageKey);
  return { storageKey, file, part: `${file}.part`, temp: `${file}.tmp` };
}

export async function recorderToken(env: RecorderEnv, run: RecorderRun): Promise<string> {
  const at = new AccessToken(env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET, {
    identity: `recorder-${run.recordingId}`,
    name: "Recorder",
    ttl: 10 * 60,
  });
  // hidden: no tile and no "joined" for anyone; recorder: LiveKit counts it as a dependent
  // participant, so it takes no seat and does not keep an empty room open.
  at.addGrant({
    room: run.roomName,
    roomJoin: true,
    hidden: true,
    recorder: true,
    canSubscribe: true,
    canPublish: false,
    canPublishData: false,
  });
  return at.toJwt();
}

/**
 * One recording, start to finish: encoder up, room joined, `started`; heartbeats while it runs;
 * on a stop request, the session's end, the room going away or SIGTERM, `processing`, end of
 * stream, the finished file probed and `ready`. Anything that prevents a file is `failed` with a
 * reason a host can act on. Resolves with the exit code for the process.
 */
export async function runRecorder(run: RecorderRun, deps: RecorderDeps): Promise<number> {
  const { env, log } = deps;
  const settings: PipelineSettings = {
    width: env.RECORDER_WIDTH,
    height: env.RECORDER_HEIGHT,
    fps: env.RECORDER_FPS,
    sampleRate: 48_000,
    videoKbps: env.RECORDER_VIDEO_KBPS,
    audioBps: 64_000,
  };
  const paths = recordingPaths(env.DATA_DIR, run.recordingId);
  const at = () => new Date();
  // Our row id travels with every event: "started" may arrive before the web process has stored
  // the run id on the row.
  const ref = { externalId: run.runId, recordingId: run.recordingId };
  // The outcome must reach the row: a database that blinks at that moment would otherwise leave a
  // finished file behind a row the stale sweep then calls FAILED.
  const reportFinal = async (event: RecorderEvent) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await deps.report(event);
      } catch (err) {
        if (attempt >= FINAL_REPORT_RETRIES) throw err;
        log.warn({ err, attempt }, "reporting the outcome failed; retrying");
        await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
      }
    }
  };
  const mix = new AudioMix(settings.sampleRate);
  let settled = false;
  let resolveOutcome!: (o: Outcome) => void;
  const outcome = new Promise<Outcome>((r) => (resolveOutcome = r));
  const settle = (o: Outcome) => {
    settled = true;
    resolveOutcome(o);
  };
  const feed = new RoomFeed(mix, (reason) =>
    settle({ kind: "finish", why: `room disconnected (${reason})` }),
  );
  let pipeline: Pipeline | undefined;
  let writer: ClockedWriter | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let poll: NodeJS.Timeout | undefined;
  const onShutdown = () => settle({ kind: "finish", why: "signal" });
  deps.shutdown.addEventListener("abort", onShutdown);

  try {
    await mkdir(path.dirname(paths.file), { recursive: true });
    pipeline = new Pipeline(settings, paths.part, paths.temp);
    void pipeline.exited.then(({ code, signal, output }) => {
      settle({ kind: "fail", reason: encoderFailure(code, signal, output) });
    });
    try {
      await feed.connect(env.LIVEKIT_URL, await recorderToken(env, run));
    } catch (err) {
      settle({ kind: "fail", reason: `The recorder could not join the call: ${(err as Error).message}` });
    }
    writer = new ClockedWriter(settings, pipeline, mix, feed);
    writer.start();
    if (!settled) {
      await deps.report({ type: "started", ...ref, at: writer.startedWallAt });
      log.info({ recordingId: run.recordingId, room: run.roomName }, "recording started");
    }

    // Heartbeats go on while the file is finished, so a long finish is not taken for a dead recorder.
    heartbeat = setInterval(() => {
      deps.report({ type: "heartbeat", ...ref, at: at() }).catch((err) => log.warn({ err }, "heartbeat"));
      if (pipeline!.backlogBytes > MAX_BACKLOG_BYTES)
        settle({ kind: "fail", reason: "The server is too slow to encode the recording in real time." });
    }, HEARTBEAT_MS);
    poll = setInterval(() => {
      deps
        .control()
        .then((c) => {
          if (!c) settle({ kind: "abandon", why: "recording deleted" });
          else if (c.status === "FAILED" || c.status === "READY") settle({ kind: "abandon", why: c.status });
          else if (c.stopRequested) settle({ kind: "finish", why: "stop requested" });
          else if (c.sessionEnded) settle({ kind: "finish", why: "session ended" });
        })
        .catch((err) => log.warn({ err }, "reading the recording's state"));
    }, POLL_MS);

    const result = await outcome;
    clearInterval(poll);
    log.info({ recordingId: run.recordingId, result }, "recording stopping");
    if (result.kind === "abandon") {
      pipeline.kill();
      await removeFiles(paths);
      return 0;
    }
    if (result.kind === "fail") {
      writer.stop();
      pipeline.kill();
      await removeFiles(paths);
      await reportFinal({ type: "failed", ...ref, at: at(), reason: result.reason });
      return 0;
    }
    // Not worth losing the file over: "ready" moves the row on from RECORDING as well.
    await deps
      .report({ type: "processing", ...ref, at: at() })
      .catch((err) => log.warn({ err }, "reporting processing failed"));
    writer.stop();
    await feed.close();
    // Writing the index (and, with faststart, moving it first) takes a moment per minute recorded.
    const finished = await pipeline.finish(30_000 + writer.writtenMs / 10);
    if (!finished.ok) {
      await removeFiles(paths);
      const reason = `The recording could not be finished: ${lastLine(finished.output)}`;
      await reportFinal({ type: "failed", ...ref, at: at(), reason });
      return 0;
    }
    const durationMs = (await probeDurationMs(paths.part)) ?? writer.writtenMs;
    await rename(paths.part, paths.file);
    const { size } = await stat(paths.file);
    await reportFinal({
      type: "ready",
      ...ref,
      at: at(),
      durationMs,
      sizeBytes: size,
      storageKey: paths.storageKey,
      mimeType: MIME_TYPE,
    });
    log.info({ recordingId: run.recordingId, durationMs, size }, "recording ready");
    return 0;
  } catch (err) {
    log.error({ err }, "recorder failed");
    await removeFiles(paths).catch(() => {});
    const reason = `The recorder failed: ${(err as Error).message}`;
    return reportFinal({ type: "failed", ...ref, at: at(), reason })
      .then(() => 0)
      .catch(() => 1);
  } finally {
    clearInterval(heartbeat);
    clearInterval(poll);
    deps.shutdown.removeEventListener("abort", onShutdown);
    pipeline?.kill();
    await feed.close().catch(() => {});
  }
}

async function removeFiles(paths: ReturnType<typeof recordingPaths>): Promise<void> {
  await Promise.all([paths.part, paths.temp].map((p) => rm(p, { force: true })));
}

/** Why the encoder could not run, in words an operator can act on. */
export function encoderFailure(code: number | null, signal: string | null, output: string): string {
  if (/ENOENT/.test(output))
    return "GStreamer is not installed on the server (gst-launch-1.0): install gstreamer1.0-tools and its plugins.";
  const element = /no element "([^"]+)"/.exec(output)?.[1];
  if (element)
    return `GStreamer on the server lacks the ${element} element: install gstreamer1.0-plugins-base, -good, -bad and -ugly.`;
  return `The encoder stopped unexpectedly (${signal ?? `exit ${code}`}): ${lastLine(output)}`;
}

function lastLine(output: string): string {
  const lines = output.split("\n").filter((l) => l.trim());
  return (lines.at(-1) ?? "no output").slice(0, 300);
}
