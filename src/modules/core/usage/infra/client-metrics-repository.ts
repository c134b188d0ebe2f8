import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { transcriptionClientMetrics as m } from "@/lib/db/schema/transcription";
import type { ClientMetricsInput } from "../domain/client-metrics";

export type ClientMetricsRow = Omit<ClientMetricsInput, "slug"> & {
  videoSessionId: string;
  participantId: string;
  userId: string | null;
};

/**
 * One row per (participant, client stream). Saves arrive out of order (a periodic save racing the
 * one sent on page hide), so counters only grow, the start only moves earlier, and a later save
 * without an end does not erase one.
 */
export async function upsertClientMetrics(db: Executor, row: ClientMetricsRow): Promise<void> {
  await db
    .insert(m)
    .values({ ...row, audioSecondsSent: row.audioSecondsSent.toFixed(3) })
    .onConflictDoUpdate({
      target: [m.participantId, m.clientStreamId],
      set: {
        chunksSent: sql`greatest(${m.chunksSent}, excluded.chunks_sent)`,
        audioSecondsSent: sql`greatest(${m.audioSecondsSent}, excluded.audio_seconds_sent)`,
        transcriptsReceived: sql`greatest(${m.transcriptsReceived}, excluded.transcripts_received)`,
        reconnects: sql`greatest(${m.reconnects}, excluded.reconnects)`,
        errors: sql`greatest(${m.errors}, excluded.errors)`,
        // The newest error wins only when this save counts at least as many errors.
        lastError: sql`case when excluded.errors >= ${m.errors} and excluded.last_error is not null
          then excluded.last_error else ${m.lastError} end`,
        startedAt: sql`least(${m.startedAt}, excluded.started_at)`,
        endedAt: sql`greatest(${m.endedAt}, excluded.ended_at)`,
        updatedAt: sql`now()`,
      },
    });
}
