import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { closeSync, mkdirSync, openSync, rmSync } from "node:fs";
import path from "node:path";
import type { Executor } from "@/lib/db/client";
import { inheritedEnv } from "@/lib/env/inherited";
import { RecorderAtCapacityError, type RecorderPort } from "../application/recorder-port";
import { failRecording, markStopRequested } from "./recording-repository";

export type LocalRecorderConfig = {
  db: Executor;
  databaseUrl: string;
  dataDir: string;
  livekit: { url: string; apiKey: string; apiSecret: string };
  logLevel?: string;
  /** Recorder processes this web process runs at once (`RECORDER_MAX_CONCURRENT`); past it `start` refuses. */
  maxConcurrent: number;
  /** Extra variables for the recorder (RECORDER_WIDTH, RECORDER_FPS, …). */
  env?: Record<string, string>;
  /** How to run the recorder; defaults to this Node with tsx on `recorder/main.ts`. */
  command?: { file: string; args: string[] };
  cwd?: string;
};

/** A local recorder this process started, for tests and operators (`pid`, the run id). */
export type LocalRun = { recordingId: string; runId: string; child: ChildProcess };

export type LocalRecorder = RecorderPort & {
  /** The run of `recordingId` started by this process, while its recorder is alive. */
  running(recordingId: string): LocalRun | undefined;
};

/**
 * The embedded recorder behind the port: each recording is its own `recorder/main.ts` process,
 * detached (its own process group) so it outlives the request and a web restart, with its output
 * in `$DATA_DIR/logs/recorder-<recordingId>.log`. The recorder reports its own progress through
 * `applyRecorderEvent`; this adapter covers what it cannot report itself: a recorder that dies
 * (killed, crashed) leaves a FAILED row with the reason instead of a RECORDING one. If this web
 * process is gone too, the stale-heartbeat sweep does that.
 */
export function localRecorder(config: LocalRecorderConfig): LocalRecorder {
  const cwd = config.cwd ?? process.cwd();
  const dataDir = path.resolve(cwd, config.dataDir);
  const command = config.command ?? {
    file: process.execPath,
    args: ["--import", "tsx", path.join(cwd, "recorder", "main.ts")],
  };
  const runs = new Map<string, LocalRun>();
  // Starts between the cap check and their process being in `runs` (spawning is awaited).
  let spawning = 0;

  function onExit(run: LocalRun, code: number | null, signal: NodeJS.Signals | null) {
    runs.delete(run.recordingId);
    // Exit 0: the recorder reported READY or FAILED itself (or its row was decided elsewhere).
    if (code === 0) return;
    // The encoder is in the recorder's process group: without its parent it would finish a file
    // nobody records into.
    killGroup(run.child.pid);
    for (const suffix of [".part", ".tmp"])
      rmSync(path.join(dataDir, "recordings", `${run.recordingId}.mp4${suffix}`), { force: true });
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    failRecording(
      config.db,
      run.recordingId,
      `The recorder stopped unexpectedly (${how}).`,
      new Date(),
    ).catch(() => {
      // The database is unreachable: the stale-heartbeat sweep marks the row once it is back.
    });
  }

  return {
    kind: "LOCAL",
    running: (recordingId) => runs.get(recordingId),

    async start({ recordingId, roomName }) {
      // Spawns in flight count too, so concurrent starts cannot all pass. A run leaves the count
      // when its process exits, finishing the file included.
      if (runs.size + spawning >= config.maxConcurrent) {
        throw new RecorderAtCapacityError(config.maxConcurrent);
      }
      spawning += 1;
      try {
        return await spawnRun(recordingId, roomName);
      } finally {
        spawning -= 1;
      }
    },

    async stop({ recordingId }) {
      // The row is what the recorder polls (it may belong to an earlier web process); the signal
      // only saves it the wait for its next poll.
      await markStopRequested(config.db, recordingId, new Date());
      runs.get(recordingId)?.child.kill("SIGTERM");
    },
  };

  async function spawnRun(recordingId: string, roomName: string): Promise<{ externalId: string }> {
    const runId = `local-${randomUUID()}`;
    const logDir = path.join(dataDir, "logs");
    mkdirSync(logDir, { recursive: true });
    const log = openSync(path.join(logDir, `recorder-${recordingId}.log`), "a");
    let child: ChildProcess;
    try {
      child = spawn(
        command.file,
        [...command.args, "--recording", recordingId, "--room", roomName, "--run", runId],
        {
          cwd,
          detached: true,
          stdio: ["ignore", log, log],
          env: {
            ...inheritedEnv(),
            // Quiets the LiveKit SDK's debug logging (it keys on NODE_ENV alone).
            NODE_ENV: "production",
            DATABASE_URL: config.databaseUrl,
            DATA_DIR: dataDir,
            LIVEKIT_URL: config.livekit.url,
            LIVEKIT_API_KEY: config.livekit.apiKey,
            LIVEKIT_API_SECRET: config.livekit.apiSecret,
            LOG_LEVEL: config.logLevel ?? "info",
            ...config.env,
          },
        },
      );
    } finally {
      closeSync(log);
    }
    await new Promise<void>((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", reject);
    });
    child.unref();
    const run: LocalRun = { recordingId, runId, child };
    runs.set(recordingId, run);
    child.once("exit", (code, signal) => onExit(run, code, signal));
    return { externalId: runId };
  }
}

function killGroup(pid: number | undefined) {
  if (!pid) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}
