import type { RawData } from "ws";
import { FRAME_LIMITS } from "@/modules/core/captions/domain/audio";
import type { CloseKey } from "@/modules/core/captions/domain/close-codes";
import { clientMessage, type ClientMessage } from "@/modules/core/captions/domain/protocol";
import { SETTINGS } from "../settings";

/** What is wrong with an audio frame's size, if anything. */
export function frameProblem(bytes: number): CloseKey | null {
  if (bytes < FRAME_LIMITS.minBytes) return "FRAME_TOO_SMALL";
  if (bytes > FRAME_LIMITS.maxBytes) return "FRAME_TOO_LARGE";
  if (bytes % 2 !== 0) return "FRAME_ODD_LENGTH";
  return null;
}

/** A text frame's bytes, or null when it is over the size any protocol message can have. */
export function textFrame(data: RawData): Buffer | null {
  const size = Buffer.isBuffer(data)
    ? data.length
    : Array.isArray(data)
      ? data.reduce((n, b) => n + b.length, 0)
      : data.byteLength;
  if (size > SETTINGS.maxTextBytes) return null;
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

/**
 * A text frame (already size- and rate-checked, see `textFrame` and text-rate.ts) as a protocol
 * message, or null for anything else (not JSON, not in the schema).
 */
export function parseClientMessage(raw: Buffer): ClientMessage | null {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    return null;
  }
  const parsed = clientMessage.safeParse(json);
  return parsed.success ? parsed.data : null;
}
