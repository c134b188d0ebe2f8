import { execFileSync } from "node:child_process";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { CHUNK_BYTES, CHUNK_MS } from "@/modules/core/captions/domain/audio";
import type { ProviderTranscript, SttProvider } from "@/modules/core/captions/application/stt-provider";
import { chunks } from "./speech";

const DATA_DIR = path.resolve(import.meta.dirname, "../../.data");
/** Where install-stt.sh unpacks the Whisper models in the project's DATA_DIR. */
export const MODELS_DIR = path.join(DATA_DIR, "models");

/**
 * The project's venv (as the ws server uses it), installed here if missing (a no-op when it is
 * there), with the models tests need: English tiny.en and the multilingual base.
 */
export function installLocalStt(): string {
  return execFileSync("bash", ["scripts/install-stt.sh", "--print-python"], {
    encoding: "utf8",
    env: { ...process.env, DATA_DIR, STT_LOCAL_MODELS: "tiny.en,base" },
  }).trim();
}

export type Got = {
  transcripts: ProviderTranscript[];
  errors: { code: string; retryable: boolean }[];
  statuses: string[];
  droppedBytes: number;
};

export async function openRecorded(
  p: SttProvider,
  streamId: string,
  o: { language?: string; vocabulary?: readonly string[] } = {},
) {
  const got: Got = { transcripts: [], errors: [], statuses: [], droppedBytes: 0 };
  const stream = await p.openStream({
    language: o.language ?? "en",
    streamId,
    vocabulary: o.vocabulary,
    onTranscript: (t) => got.transcripts.push(t),
    onError: (e) => got.errors.push(e),
    onStatus: (s) => got.statuses.push(s.state),
    onDropped: (bytes) => (got.droppedBytes += bytes),
  });
  return { stream, got };
}

/** 160 ms chunks, `speed` times faster than real time. */
export async function feed(write: (pcm: Buffer) => void, pcm: Buffer, speed: number) {
  for (const c of chunks(pcm, CHUNK_BYTES)) {
    write(c);
    await sleep(CHUNK_MS / speed);
  }
}

export const finals = (got: Got) => got.transcripts.filter((t) => t.isFinal);
export const finalText = (got: Got) =>
  finals(got)
    .map((t) => t.text)
    .join(" ");

/** Opens a stream, feeds `pcm` at `speed`× real time, closes it (which drains) and says what came. */
export async function transcribe(
  p: SttProvider,
  pcm: Buffer,
  speed: number,
  o: { streamId?: string; language?: string; vocabulary?: readonly string[] } = {},
): Promise<Got> {
  const { stream, got } = await openRecorded(p, o.streamId ?? "transcribe", o);
  await feed((c) => stream.write(c), pcm, speed);
  await stream.close();
  return got;
}

/**
 * Makes `workers` workers load their model before anything is timed: idle streams are placed one
 * per worker, opened together, then closed.
 */
export async function warmWorkers(p: SttProvider, workers = 1): Promise<void> {
  const idle = await Promise.all(
    Array.from({ length: workers }, (_, i) =>
      p.openStream({ language: "en", streamId: `warm-${i}`, onTranscript() {}, onError() {} }),
    ),
  );
  await Promise.all(idle.map((s) => s.close()));
}
