import { and, eq, or, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { participants, videoSessions } from "@/lib/db/schema/sessions";
import type { Participant, VideoSession } from "@/modules/core/sessions/domain/video-session";

export type TranscriptSession = VideoSession & { transcriptShared: boolean };

export async function findTranscriptSession(db: Executor, slug: string): Promise<TranscriptSession | null> {
  const [row] = await db.select().from(videoSessions).where(eq(videoSessions.slug, slug));
  return row ?? null;
}

/**
 * The viewer's participant row in the session: by their account (whatever identity they joined
 * under) or by the identity they would join with now (user id, else the guest cookie).
 */
export async function findViewerParticipant(
  db: Executor,
  sessionId: string,
  viewer: { userId: string | null; identities: string[] },
): Promise<Participant | null> {
  const matches = [
    ...(viewer.userId ? [eq(participants.userId, viewer.userId)] : []),
    ...viewer.identities.map((identity) => eq(participants.identity, identity)),
  ];
  if (matches.length === 0) return null;
  const [row] = await db
    .select()
    .from(participants)
    .where(and(eq(participants.videoSessionId, sessionId), or(...matches)))
    // The account's own row first when the viewer has both.
    .orderBy(sql`${participants.userId} is null`)
    .limit(1);
  return row ?? null;
}

export async function setTranscriptShared(db: Executor, sessionId: string, shared: boolean): Promise<void> {
  await db.update(videoSessions).set({ transcriptShared: shared }).where(eq(videoSessions.id, sessionId));
}
