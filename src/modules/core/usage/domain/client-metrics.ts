import { z } from "zod";

/** A save is a few hundred bytes; anything near this is not a caption client. */
export const CLIENT_METRICS_BODY_LIMIT = 4 * 1024;

const count = z.number().int().min(0).max(1_000_000_000);

/** What the browser's caption client reports about one of its streams (running totals). */
export const clientMetricsSchema = z
  .object({
    slug: z.string().min(1).max(64),
    clientStreamId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8–64 letters, digits, - or _"),
    chunksSent: count,
    audioSecondsSent: z.number().min(0).max(10_000_000),
    transcriptsReceived: count,
    reconnects: count,
    errors: count,
    lastError: z.string().max(500).nullable().default(null),
    startedAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
    endedAt: z.iso
      .datetime({ offset: true })
      .transform((s) => new Date(s))
      .nullable()
      .default(null),
  })
  .strict()
  .refine((m) => !m.endedAt || m.endedAt >= m.startedAt, {
    path: ["endedAt"],
    message: "must not be before startedAt",
  });

export type ClientMetricsInput = z.output<typeof clientMetricsSchema>;

/** The browser's caption client sends 160 ms chunks (5,120 bytes of 16 kHz PCM16). */
const CHUNK_SECONDS = 0.16;

/**
 * The browser's figures are its own word (issue 14): no stream can have sent more audio than the
 * wall time, by the server's clock, since the participant first joined. Caps what it claims at
 * that, so a client cannot make the host's health view show audio that never existed.
 */
export function capClientMetrics<M extends { audioSecondsSent: number; chunksSent: number }>(
  metrics: M,
  elapsedSeconds: number,
): M {
  const seconds = Math.max(0, elapsedSeconds);
  return {
    ...metrics,
    audioSecondsSent: Math.min(metrics.audioSecondsSent, Math.round(seconds * 1000) / 1000),
    chunksSent: Math.min(metrics.chunksSent, Math.ceil(seconds / CHUNK_SECONDS)),
  };
}
