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
  /** Handed to the recognizer but shed or never decoded (not in `billedSeconds`); none if absent. */
  droppedSeconds?: number;
  costUsd: number;
};

/**
 * ONE upsert for every stream: columns travel as arrays through `unnest` (nine parameters for
 * any number of streams; building `values(rows)` for 5,000 streams blocked the event loop ~110 ms).
 * Received audio only grows, so a snapshot with less of it is older and never rolls a row back.
 * Billed can shrink (the recognizer dropped audio after it was counted), so it is not guarded
 * itself: one meter writes a stream's snapshots one after another, newest last.
 */
export async function upsertUsage(db: Executor, rows: UsageRow[]): Promise<void> {
  if (!rows.length) return;
  const col = <T>(f: (r: UsageRow) => T) => sql.param(rows.map(f));
  await db.execute(
    sql`insert into ${transcriptionUsage} (stream_id, video_session_id, participant_id, user_id, provider, audio_seconds, billed_seconds, dropped_seconds, cost_usd)
      select * from unnest(${col((r) => r.streamId)}::uuid[], ${col((r) => r.videoSessionId)}::uuid[],
        ${col((r) => r.participantId)}::uuid[], ${col((r) => r.userId)}::uuid[], ${col((r) => r.provider)}::text[],
        ${col((r) => r.audioSeconds.toFixed(3))}::numeric[], ${col((r) => r.billedSeconds.toFixed(3))}::numeric[],
        ${col((r) => (r.droppedSeconds ?? 0).toFixed(3))}::numeric[], ${col((r) => r.costUsd.toFixed(6))}::numeric[])
      on conflict (stream_id) do update set
        audio_seconds = excluded.audio_seconds,
        billed_seconds = excluded.billed_seconds,
        dropped_seconds = excluded.dropped_seconds,
        cost_usd = excluded.cost_usd,
        updated_at = now()
      where excluded.audio_seconds >= ${transcriptionUsage}.audio_seconds`,
  );
}

export type ParticipantUsage = {
  participantId: string | null;
  displayName: string | null;
  provider: string;
  streams: number;
  audioSeconds: number;
  billedSeconds: number;
  /** Handed to the recognizer but shed or never decoded: not in `billedSeconds`. */
  droppedSeconds: number;
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
      droppedSeconds: sql<string>`sum(${transcriptionUsage.droppedSeconds})`,
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
    droppedSeconds: Number(r.droppedSeconds),
    costUsd: Number(r.costUsd),
  }));
}
