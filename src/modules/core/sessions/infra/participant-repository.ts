import { and, count, eq, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { participants } from "@/lib/db/schema/sessions";
import type { Participant, ParticipantRole } from "../domain/video-session";

export async function findParticipant(
  db: Executor,
  sessionId: string,
  identity: string,
): Promise<Participant | null> {
  const [row] = await db
    .select()
    .from(participants)
    .where(and(eq(participants.videoSessionId, sessionId), eq(participants.identity, identity)));
  return row ?? null;
}

export async function listParticipants(db: Executor, sessionId: string): Promise<Participant[]> {
  return db
    .select()
    .from(participants)
    .where(eq(participants.videoSessionId, sessionId))
    .orderBy(participants.joinedAt);
}

/** People recorded as present (other than `except`): max-participant checks, and the sweeper without a media server. */
export async function countPresent(db: Executor, sessionId: string, except?: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(participants)
    .where(
      and(
        eq(participants.videoSessionId, sessionId),
        isNull(participants.leftAt),
        except === undefined ? undefined : ne(participants.identity, except),
      ),
    );
  return Number(row?.n ?? 0);
}

/** Insert or refresh a participant row on join; a rejoin clears leftAt and keeps the first joinedAt. */
export async function upsertParticipant(
  db: Executor,
  values: {
    videoSessionId: string;
    userId: string | null;
    identity: string;
    displayName: string;
    role: ParticipantRole;
  },
): Promise<Participant> {
  const [row] = await db
    .insert(participants)
    .values(values)
    .onConflictDoUpdate({
      target: [participants.videoSessionId, participants.identity],
      set: { displayName: values.displayName, leftAt: null },
    })
    .returning();
  return row!;
}

/** Webhook: present from `at`, unless a later departure was already recorded (out-of-order delivery). */
export async function markJoined(db: Executor, sessionId: string, identity: string, at: Date): Promise<void> {
  await db
    .update(participants)
    .set({ leftAt: null })
    .where(
      and(
        eq(participants.videoSessionId, sessionId),
        eq(participants.identity, identity),
        or(isNull(participants.leftAt), lt(participants.leftAt, at)),
      ),
    );
}

export async function markLeft(db: Executor, sessionId: string, identity: string, at: Date): Promise<void> {
  await db
    .update(participants)
    .set({ leftAt: sql`greatest(coalesce(${participants.leftAt}, ${at}), ${at})` })
    .where(and(eq(participants.videoSessionId, sessionId), eq(participants.identity, identity)));
}
