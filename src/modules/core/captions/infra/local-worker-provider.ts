import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import type { Logger } from "pino";
import { ServiceUnavailableError } from "@/modules/core/shared/domain/errors";
import type { ProviderTranscript, SttProvider, SttStream } from "../application/stt-provider";
import type { CaptionLanguages } from "../domain/caption-languages";
import { FrameReader, MSG, encodeFrame } from "./pocketsphinx-framing";
import { placeStream } from "./pocketsphinx-pool";
import { openWorkerStream, type OpenStream } from "./pocketsphinx-stream";
import type { LagBudget } from "./stream-lag";

/** What every local worker takes (ws/stt/*_worker.py share the protocol and these flags). */
export type LocalWorkerOptions = {
  /** The venv's python (scripts/install-stt.sh makes it under $DATA_DIR/stt-venv). */
  python: string;
  workerPath?: string;
  /** Worker processes; a stream goes to the least queued. Default 1. */
  workers?: number;
  /** At most one partial per this much speech, and only when its text changed. */
  partialIntervalMs?: number;
  /** A final at least this often when someone talks without a pause (default 20 s). */
  maxUtteranceMs?: number;
  logger?: Logger;
  /** Each stream's lag budget (default: 1 s in flight, 2 s target, 5 s hard bound). */
  lag?: Partial<LagBudget>;
  /** A new stream is refused ("captions busy") when the least queued worker has more than this (default 5 s). */
  busyMs?: number;
  readyTimeoutMs?: number;
  /** How long a close waits for the worker to decode what it was sent (default 4 s); the rest is dropped. */
  closeTimeoutMs?: number;
  /** Tests and benchmarks: the worker sleeps this many seconds per second of audio, as a slower machine. */
  slow?: number;
  /** USD per billed minute (default 0: it runs on our own cores). */
  pricePerMinute?: number;
};

/** What differs between the local engines. */
export type LocalEngine = {
  /** The provider's name (usage, prices, health, the `ready` message). */
  name: string;
  workerPath: string;
  /** The engine's own worker arguments (models, decoders). */
  args: string[];
  unsupportedReason(language: string): string | null;
  captionLanguages: CaptionLanguages;
  /** Writes "forty two" rather than "42" (the ws server puts such text in written form). */
  writesNumbersAsWords: boolean;
  /** OPEN's JSON options for a stream, if the engine takes any. */
  openOptions?(o: { language: string; vocabulary?: readonly string[] }): Record<string, unknown>;
};

export const DEFAULT_LAG_BUDGET: LagBudget = { inFlightMs: 1_000, targetMs: 2_000, boundMs: 5_000 };

type WireTranscript = {
  id: string;
  text: string;
  final: boolean;
  startMs: number;
  endMs: number;
  confidence: number | null;
  /** Whisper says which language it transcribed; PocketSphinx only knows English. */
  language?: string;
};

/**
 * Local speech recognition: a Python worker (ws/stt/whisper_worker.py or pocketsphinx_worker.py)
 * serves many streams over its stdin/stdout; `workers` of them share the streams. A worker starts
 * with the first stream sent to it; when it dies, its streams get a retryable error and the next
 * stream starts a new one.
 */
export function createLocalWorkerProvider(engine: LocalEngine, opts: LocalWorkerOptions): SttProvider {
  const pool: (Worker | null)[] = Array.from({ length: Math.max(1, opts.workers ?? 1) }, () => null);
  const budget = { ...DEFAULT_LAG_BUDGET, ...opts.lag };
  let nextId = 1;

  const load = (w: Worker | null) => {
    if (!w || w.dead) return null;
    let queuedMs = 0;
    for (const s of w.streams.values()) queuedMs += s.lag.queuedMs();
    return { queuedMs, streams: w.streams.size + w.opening };
  };
  const leastQueued = async () => {
    const slot = placeStream(pool.map(load), opts.busyMs ?? budget.boundMs);
    if (slot === null) {
      opts.logger?.warn(
        { workers: pool.length, engine: engine.name },
        "local stt workers all over their lag bound",
      );
      throw new ServiceUnavailableError(
        "captions_busy",
        "Captions are busy: the speech recognizer is at capacity. Retrying shortly.",
      );
    }
    let w = pool[slot];
    if (!w || w.dead) pool[slot] = w = startWorker(engine, opts);
    // Counted before the worker is ready, so opens at the same moment spread over the workers.
    w.opening++;
    try {
      await w.ready;
    } finally {
      w.opening--;
    }
    return w;
  };

  return {
    name: engine.name,
    writesNumbersAsWords: engine.writesNumbersAsWords,
    // Kept open while gated (a local worker costs nothing idle); its endpointer needs 600 ms of
    // silence after a burst to end the utterance.
    policy: { flushSilenceMs: 600, idleCloseMs: null },
    pricePerMinute: opts.pricePerMinute ?? 0,
    // An offline recognizer: no translation.
    translation: null,

    unsupportedReason: (language) => engine.unsupportedReason(language),
    captionLanguages: engine.captionLanguages,

    async openStream({ language, streamId, vocabulary, ...handlers }): Promise<SttStream> {
      if (engine.unsupportedReason(language) !== null) {
        throw new ServiceUnavailableError(
          "captions_unavailable",
          `Captions are not available in "${language}".`,
        );
      }
      const w = await leastQueued();
      const id = nextId;
      nextId = nextId >= 0xffff_fffe ? 1 : nextId + 1;
      opts.logger?.debug({ streamId, workerStream: id, engine: engine.name }, "local stt stream opened");
      const options = engine.openOptions?.({ language, vocabulary });
      return openWorkerStream(w, id, handlers, {
        open: options ? Buffer.from(JSON.stringify(options)) : undefined,
        streamId,
        budget,
        drainTimeoutMs: opts.closeTimeoutMs ?? 4_000,
        log: opts.logger,
      });
    },

    async shutdown() {
      const running = pool.filter((w): w is Worker => !!w && !w.dead);
      pool.fill(null);
      await Promise.all(running.map((w) => w.stop()));
    },
  };
}

type Worker = {
  ready: Promise<void>;
  dead: boolean;
  streams: Map<number, OpenStream>;
  /** Streams placed here that wait for the worker to be ready. */
  opening: number;
  send(id: number, type: number, payload?: Buffer): void;
  stop(): Promise<void>;
};

function startWorker(engine: LocalEngine, opts: LocalWorkerOptions): Worker {
  const log = opts.logger?.child({ engine: engine.name });
  const streams = new Map<number, OpenStream>();
  const reader = new FrameReader();
  let stopping = false;
  const args = ["-u", opts.workerPath ?? engine.workerPath, ...engine.args];
  if (opts.partialIntervalMs !== undefined) args.push("--partial-ms", String(opts.partialIntervalMs));
  if (opts.maxUtteranceMs !== undefined) args.push("--max-utterance-ms", String(opts.maxUtteranceMs));
  if (opts.slow) args.push("--slow", String(opts.slow));
  const child: ChildProcessWithoutNullStreams = spawn(opts.python, args, { stdio: "pipe" });
  let readyResolve!: () => void;
  let readyReject!: (e: Error) => void;
  const ready = new Promise<void>((res, rej) => {
    readyResolve = res;
    readyReject = rej;
  });
  // Nobody may be awaiting yet when the worker fails to start.
  ready.catch(() => {});
  const exited = new Promise<void>((res) => {
    child.once("exit", () => res());
    child.once("error", () => res());
  });
  const w: Worker = {
    ready,
    dead: false,
    streams,
    opening: 0,
    send(id, type, payload) {
      if (!w.dead) child.stdin.write(encodeFrame(id, type, payload));
    },
    async stop() {
      stopping = true;
      child.stdin.end();
      const killer = setTimeout(() => child.kill("SIGKILL"), 3_000);
      await exited;
      clearTimeout(killer);
    },
  };

  const unavailable = (internal: string) =>
    new ServiceUnavailableError(
      "captions_unavailable",
      "Captions are unavailable: the local speech recognizer could not start.",
      { internal },
    );

  const readyTimer = setTimeout(() => {
    readyReject(unavailable(`${engine.name} worker not ready after ${opts.readyTimeoutMs ?? 30_000} ms`));
    child.kill("SIGKILL");
  }, opts.readyTimeoutMs ?? 30_000);

  const die = (why: string) => {
    if (w.dead) return;
    w.dead = true;
    clearTimeout(readyTimer);
    readyReject(unavailable(`${engine.name} worker ${why}`));
    if (stopping) log?.info({ streams: streams.size }, "local stt worker stopped");
    else log?.error({ why, streams: streams.size }, "local stt worker died");
    for (const s of streams.values()) {
      s.lost();
      if (s.closing) s.closing();
      else
        s.onError(
          stopping
            ? { code: "stt_shutdown", reason: "the speech recognizer is shutting down", retryable: true }
            : {
                code: "stt_crashed",
                reason: "the speech recognizer stopped and is restarting",
                retryable: true,
              },
        );
    }
    streams.clear();
  };

  child.on("error", (e) =>
    die(
      (e as NodeJS.ErrnoException).code === "ENOENT"
        ? `cannot run ${opts.python} (run scripts/install-stt.sh)`
        : `failed: ${e.message}`,
    ),
  );
  child.on("exit", (code, signal) => die(`exited (code ${code}, signal ${signal})`));
  // A write after the worker died: the exit handler reports it, this only keeps the error from throwing.
  child.stdin.on("error", () => {});
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (text: string) => log?.warn({ stderr: text.slice(0, 2000) }, "local stt worker"));

  child.stdout.on("data", (chunk: Buffer) => {
    let frames;
    try {
      frames = reader.push(chunk);
    } catch (e) {
      log?.error({ err: e }, "local stt pipe corrupt");
      child.kill("SIGKILL");
      return;
    }
    for (const f of frames) {
      if (f.type === MSG.READY) {
        clearTimeout(readyTimer);
        log?.info({ ...JSON.parse(f.payload.toString()) }, "local stt worker ready");
        readyResolve();
        continue;
      }
      const s = streams.get(f.streamId);
      if (!s) continue;
      if (f.type === MSG.PROGRESS) {
        s.lag.progress(f.payload.readUInt32BE(0));
      } else if (f.type === MSG.TRANSCRIPT) {
        const t = JSON.parse(f.payload.toString()) as WireTranscript;
        s.onTranscript(toTranscript(t));
      } else if (f.type === MSG.BUSY) {
        s.onWarning?.({
          code: "stt_busy",
          reason: "The speech recognizer is busy with other speakers; captions may miss a few words.",
        });
      } else if (f.type === MSG.CLOSED) {
        streams.delete(f.streamId);
        s.closing?.();
      } else if (f.type === MSG.ERROR) {
        streams.delete(f.streamId);
        s.lost();
        log?.error({ error: JSON.parse(f.payload.toString()).message }, "local stt stream failed");
        if (s.closing) s.closing();
        else s.onError({ code: "stt_error", reason: "speech recognition failed", retryable: true });
      }
    }
  });
  return w;
}

export function toTranscript(t: WireTranscript): ProviderTranscript {
  return {
    id: t.id,
    text: t.text,
    isFinal: t.final,
    startMs: t.startMs,
    endMs: t.endMs,
    language: t.language ?? "en",
    confidence: t.confidence,
  };
}
