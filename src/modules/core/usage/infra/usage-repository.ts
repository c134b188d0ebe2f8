import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { participants } from "@/lib/db/schema/sessions";
import { transcriptionUsage } from "@/lib/db/schema/transcription";

/** Running totals of one participant stream; written as absolute values, so re-writing is harmless. */
export type UsageRow = {
  streamId: string;
  videoSessionId: string;
  participantId: string;
  userId: string | null;
  provider: string;
  audioSeconds: number;
  billedSeconds: number;
  costUsd: number;
};

/**
 * ONE upsert for every stream: columns travel as arrays through `unnest` (eight parameters for
 * any number of streams; building `values(rows)` for 5,000 streams blocked the event loop ~110 ms).
 * Totals only grow: a late, older snapshot never rolls a row back.
 */
export async function upsertUsage(db: Executor, rows: UsageRow[]): Promise<void> {
  if (!rows.length) return;
  const col = <T>(f: (r: UsageRow) => T) => sql.param(rows.map(f));
  await db.execute(
    sql`insert into ${transcriptionUsage} (stream_id, video_session_id, participant_id, user_id, provider, audio_seconds, billed_seconds, cost_usd)
      select * from unnest(${col((r) => r.streamId)}::uuid[], ${col((r) => r.videoSessionId)}::uuid[],
        ${col((r) => r.participantId)}::uuid[], ${col((r) => r.userId)}::uuid[], ${col((r) => r.provider)}::text[],
        ${col((r) => r.audioSeconds.toFixed(3))}::numeric[], ${col((r) => r.billedSeconds.toFixed(3))}::numeric[],
        ${col((r) => r.costUsd.toFixed(6))}::numeric[])
      on conflict (stream_id) do update set
        audio_seconds = greatest(${transcriptionUsage}.audio_seconds, excluded.audio_seconds),
        billed_seconds = greatest(${transcriptionUsage}.billed_seconds, excluded.billed_seconds),
        cost_usd = greatest(${transcriptionUsage}.cost_usd, excluded.cost_usd),
        updated_at = now()`,
  );
}

export type ParticipantUsage = {
  participantId: string | null;
  displayName: string | null;
  provider: string;
  streams: number;
  audioSeconds: number;
  billedSeconds: number;
  costUsd: number;
};

export async function usageByParticipant(db: Executor, sessionId: string): Promise<ParticipantUsage[]> {
  const rows = await db
    .select({
      participantId: transcriptionUsage.participantId,
      displayName: participants.displayName,
      provider: transcriptionUsage.provider,
      streams: sql<number>`count(*)::int`,
      audioSeconds: sql<string>`sum(${transcriptionUsage.audioSeconds})`,
      billedSeconds: sql<string>`sum(${transcriptionUsage.billedSeconds})`,
      costUsd: sql<string>`sum(${transcriptionUsage.costUsd})`,
    })
    .from(transcriptionUsage)
    .leftJoin(participants, eq(participants.id, transcriptionUsage.participantId))
    .where(eq(transcriptionUsage.videoSessionId, sessionId))
    .groupBy(transcriptionUsage.participantId, participants.displayName, transcriptionUsage.provider)
    .orderBy(participants.displayName);
  return rows.map((r) => ({
    ...r,
    audioSeconds: Number(r.audioSeconds),
    billedSeconds: Number(r.billedSeconds),
    costUsd: Number(r.costUsd),
  }));
}
