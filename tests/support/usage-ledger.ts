import { randomUUID } from "node:crypto";

/**
 * Transcription usage rows for the usage-stats tests, each kept under a key with its figures, so
 * that a test states the answer it expects as the keys of the rows that make it up.
 */

export type SeededUsage = { id: string; at: string; audio: number; billed: number; cost: number };

export function usageLedger() {
  const rows: Record<string, SeededUsage> = {};
  return {
    rows,
    /** The `transcription_usage` row to insert for `key` (seconds and dollars as the table keeps them). */
    row(
      key: string,
      session: string,
      userId: string | null,
      provider: string,
      at: string,
      audio: number,
      billed: number,
      cost: number,
      participantId: string | null = null,
    ) {
      const id = randomUUID();
      rows[key] = { id, at, audio, billed, cost };
      return {
        id,
        videoSessionId: session,
        participantId,
        userId,
        provider,
        audioSeconds: audio.toFixed(3),
        billedSeconds: billed.toFixed(3),
        costUsd: cost.toFixed(6),
        createdAt: new Date(at),
        updatedAt: new Date(at),
      };
    },
    /** The totals the stats should report over these rows. */
    totalsOf(...keys: string[]) {
      const picked = keys.map((k) => rows[k]!);
      const sum = (f: (r: SeededUsage) => number) => Number(picked.reduce((a, r) => a + f(r), 0).toFixed(6));
      return {
        streams: picked.length,
        audioSeconds: sum((r) => r.audio),
        billedSeconds: sum((r) => r.billed),
        costUsd: sum((r) => r.cost),
      };
    },
    idsOf: (...keys: string[]) => keys.map((k) => rows[k]!.id),
  };
}
