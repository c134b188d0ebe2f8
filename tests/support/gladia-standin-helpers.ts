import type { IncomingMessage } from "node:http";
import { randomUUID } from "node:crypto";
import type { WebSocket } from "ws";
import { GLADIA_LANGUAGES } from "@/modules/core/transcription/infra/gladia-mapping";

/** Pieces of the Gladia stand-in (gladia-standin.ts): config checks and socket plumbing. */

const SAMPLE_RATES = [8000, 16000, 32000, 44100, 48000];
const BIT_DEPTHS = [8, 16, 24, 32];
const ENCODINGS = ["wav/pcm", "wav/alaw", "wav/ulaw"];

/** What POST /v2/live checks of the audio format and language (the values the API documents). */
export function validate(body: Record<string, any>): string[] {
  const problems: string[] = [];
  if (body.encoding !== undefined && !ENCODINGS.includes(body.encoding))
    problems.push(`encoding must be one of ${ENCODINGS.join(", ")}`);
  if (body.sample_rate !== undefined && !SAMPLE_RATES.includes(body.sample_rate))
    problems.push(`sample_rate must be one of ${SAMPLE_RATES.join(", ")}`);
  if (body.bit_depth !== undefined && !BIT_DEPTHS.includes(body.bit_depth))
    problems.push(`bit_depth must be one of ${BIT_DEPTHS.join(", ")}`);
  if (
    body.channels !== undefined &&
    !(Number.isInteger(body.channels) && body.channels >= 1 && body.channels <= 8)
  )
    problems.push("channels must be an integer from 1 to 8");
  for (const l of body.language_config?.languages ?? []) {
    if (!GLADIA_LANGUAGES.has(l)) problems.push(`language_config.languages: unsupported language "${l}"`);
  }
  return problems;
}

export function bytesPerSecond(config: Record<string, any>) {
  return ((config.sample_rate ?? 16000) * (config.bit_depth ?? 16) * (config.channels ?? 1)) / 8;
}

export async function waitFlushed(ws: WebSocket) {
  for (let i = 0; i < 100 && ws.bufferedAmount > 0; i++) await new Promise((r) => setTimeout(r, 5));
  // the bytes left the process; give the peer's event loop a moment to read them
  await new Promise((r) => setTimeout(r, 30));
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

export const rid = () => `G-${randomUUID().slice(0, 8)}`;
