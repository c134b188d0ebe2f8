import { and, count, eq, gt, isNull, lt, ne, or, sql } from "drizzle-orm";
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

/** Identities recorded as present: seat counting without a media server. */
export async function listPresentIdentities(db: Executor, sessionId: string): Promise<string[]> {
  const rows = await db
    .select({ identity: participants.identity })
    .from(participants)
    .where(and(eq(participants.videoSessionId, sessionId), isNull(participants.leftAt)));
  return rows.map((r) => r.identity);
}

/** Identities that joined within the last `graceMs` (database clock) and have not left. */
export async function listRecentJoinIdentities(
  db: Executor,
  sessionId: string,
  graceMs: number,
): Promise<string[]> {
  const rows = await db
    .select({ identity: participants.identity })
    .from(participants)
    .where(
      and(
        eq(participants.videoSessionId, sessionId),
        isNull(participants.leftAt),
        gt(participants.lastJoinedAt, sql`now() - make_interval(secs => ${graceMs / 1000})`),
      ),
    );
  return rows.map((r) => r.identity);
}

/**
 * Insert or refresh a participant row on join; a rejoin clears leftAt, keeps the first joinedAt,
 * and takes the current role (a creator who is no longer a member is no longer HOST).
 */
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
      set: { displayName: values.displayName, role: values.role, leftAt: null, lastJoinedAt: sql`now()` },
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

/** The host removed this participant: kept, so the identity cannot simply join again. */
export async function markRemoved(
  db: Executor,
  sessionId: string,
  identity: string,
  at: Date,
): Promise<void> {
  await db
    .update(participants)
    .set({ removedAt: at })
    .where(and(eq(participants.videoSessionId, sessionId), eq(participants.identity, identity)));
}
