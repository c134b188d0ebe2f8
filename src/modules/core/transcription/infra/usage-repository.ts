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

export async function upsertUsage(db: Executor, rows: UsageRow[]): Promise<void> {
  if (!rows.length) return;
  await db
    .insert(transcriptionUsage)
    .values(
      rows.map((r) => ({
        ...r,
        audioSeconds: r.audioSeconds.toFixed(3),
        billedSeconds: r.billedSeconds.toFixed(3),
        costUsd: r.costUsd.toFixed(6),
      })),
    )
    .onConflictDoUpdate({
      target: transcriptionUsage.streamId,
      // Totals only grow: a late, older snapshot never rolls a row back.
      set: {
        audioSeconds: sql`greatest(${transcriptionUsage.audioSeconds}, excluded.audio_seconds)`,
        billedSeconds: sql`greatest(${transcriptionUsage.billedSeconds}, excluded.billed_seconds)`,
        costUsd: sql`greatest(${transcriptionUsage.costUsd}, excluded.cost_usd)`,
        updatedAt: sql`now()`,
      },
    });
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
