import type { Executor } from "@/lib/db/client";
import type { Viewer } from "@/modules/core/sessions";
import { resolveTranscriptAccess } from "@/modules/core/transcripts";
import { parseRange } from "../domain/byte-range";
import { recordingNotFound, recordingNotReady } from "../domain/recording";
import { findRecordingInSession } from "../infra/recording-repository";
import { fromStorage, type RecordingStorage } from "./recording-storage";

export type RecordingFile = {
  status: 200 | 206 | 416;
  body: ReadableStream<Uint8Array> | null;
  headers: Record<string, string>;
};

const EXTENSIONS: Record<string, string> = { "video/mp4": "mp4", "video/webm": "webm", "audio/ogg": "ogg" };

/**
 * A READY recording's bytes, for whoever may read the session's transcript (the same rule), with
 * single-range support so the player can seek; `download` asks the browser to save it. Not for a
 * guest of the call: the file holds the whole call (see `listSessionRecordings`).
 */
export async function getRecordingFile(
  db: Executor,
  storage: RecordingStorage,
  input: { slug: string; recordingId: string; viewer: Viewer; range: string | null; download: boolean },
): Promise<RecordingFile> {
  const access = await resolveTranscriptAccess(db, input);
  if (access.guest) throw recordingNotFound();
  const row = await findRecordingInSession(db, access.session.id, input.recordingId);
  if (!row) throw recordingNotFound();
  if (row.status !== "READY" || !row.storageKey) throw recordingNotReady();
  const key = row.storageKey;
  const size = await fromStorage(() => storage.size(key));
  if (size === null) throw recordingNotFound();
  const mime = row.mimeType ?? "application/octet-stream";
  const day = row.startedAt.toISOString().slice(0, 10);
  const name = `recording-${input.slug}-${day}.${EXTENSIONS[mime] ?? "bin"}`;
  const headers: Record<string, string> = {
    "content-type": mime,
    "accept-ranges": "bytes",
    "cache-control": "private, no-store",
    "content-disposition": `${input.download ? "attachment" : "inline"}; filename="${name}"`,
  };
  const answer = parseRange(input.range, size);
  if (answer.kind === "unsatisfiable") {
    return { status: 416, body: null, headers: { ...headers, "content-range": `bytes */${size}` } };
  }
  if (answer.kind === "full") {
    return {
      status: 200,
      body: await fromStorage(() => storage.read(key)),
      headers: { ...headers, "content-length": String(size) },
    };
  }
  const { start, end } = answer.range;
  return {
    status: 206,
    body: await fromStorage(() => storage.read(key, answer.range)),
    headers: {
      ...headers,
      "content-length": String(end - start + 1),
      "content-range": `bytes ${start}-${end}/${size}`,
    },
  };
}
