import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema/identity";
import { recordings } from "@/lib/db/schema/recordings";
import { participants, videoSessions } from "@/lib/db/schema/sessions";
import { transcriptSegments } from "@/lib/db/schema/transcription";

/**
 * An ended call as it left the database, written straight into it: for the e2e pages that read a
 * finished session (transcript, analysis, notes) without holding a call first.
 */

/** The session as a call that started at `startedAt` and ended at `endedAt` leaves it. */
export async function markEnded(db: Db, sessionId: string, startedAt: Date, endedAt = new Date()) {
  await db
    .update(videoSessions)
    .set({ status: "ENDED", startedAt, endedAt })
    .where(eq(videoSessions.id, sessionId));
}

/** The host (the account signed in as `host.email`) as a participant, and a guest when given. */
export async function seedParticipants(
  db: Db,
  sessionId: string,
  host: { name: string; email: string },
  guest?: { identity: string; displayName: string },
) {
  const [user] = await db.select().from(users).where(eq(users.email, host.email));
  const rows = await db
    .insert(participants)
    .values([
      {
        videoSessionId: sessionId,
        userId: user!.id,
        identity: `user-${user!.id}`,
        displayName: host.name,
        role: "HOST" as const,
      },
      ...(guest ? [{ videoSessionId: sessionId, ...guest, role: "GUEST" as const }] : []),
    ])
    .returning();
  return { host: rows[0]!, guest: rows[1] };
}

export type StoredLine = {
  participantId: string;
  utteranceId: string;
  text: string;
  endMs: number;
  /** When the line was stored: as it ended, so its offset in the call is this less `endMs`. */
  at: Date;
};

/** Stores the lines as captions would have during the call; their segment ids, in the lines' order. */
export async function storeLines(db: Db, sessionId: string, lines: StoredLine[]): Promise<string[]> {
  const rows = await db
    .insert(transcriptSegments)
    .values(
      lines.map((l) => ({
        videoSessionId: sessionId,
        participantId: l.participantId,
        utteranceId: l.utteranceId,
        text: l.text,
        startMs: 0,
        endMs: l.endMs,
        provider: "test",
        createdAt: l.at,
      })),
    )
    .returning({ id: transcriptSegments.id, utteranceId: transcriptSegments.utteranceId });
  const byUtterance = new Map(rows.map((r) => [r.utteranceId, r.id]));
  return lines.map((l) => byUtterance.get(l.utteranceId)!);
}

/** A finished local recording of the call (its file need not exist: pages show it by its row). */
export async function storeRecording(
  db: Db,
  sessionId: string,
  r: { startedAt: Date; durationMs: number; storageKey: string },
) {
  await db.insert(recordings).values({
    videoSessionId: sessionId,
    recorder: "LOCAL",
    status: "READY",
    startedAt: r.startedAt,
    endedAt: new Date(r.startedAt.getTime() + r.durationMs),
    durationMs: r.durationMs,
    storageKey: r.storageKey,
    mimeType: "video/mp4",
  });
}
