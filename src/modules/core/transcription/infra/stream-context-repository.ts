import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { participants, videoSessions } from "@/lib/db/schema/sessions";
import type { SessionStatus } from "@/modules/core/sessions/domain/video-session";

/** What the ws server needs to know about a token's session and participant. */
export type StreamContext = {
  sessionId: string;
  status: SessionStatus;
  transcriptionEnabled: boolean;
  language: string;
  participantId: string;
  userId: string | null;
  displayName: string;
  /** Hosts are the ones warned when the space nears its transcription budget. */
  role: "HOST" | "GUEST";
};

export async function findStreamContext(
  db: Executor,
  sessionId: string,
  participantId: string,
): Promise<StreamContext | null> {
  const [row] = await db
    .select({
      sessionId: videoSessions.id,
      status: videoSessions.status,
      transcriptionEnabled: videoSessions.transcriptionEnabled,
      language: videoSessions.transcriptionLanguage,
      participantId: participants.id,
      userId: participants.userId,
      displayName: participants.displayName,
      role: participants.role,
    })
    .from(participants)
    .innerJoin(videoSessions, eq(videoSessions.id, participants.videoSessionId))
    .where(and(eq(participants.id, participantId), eq(participants.videoSessionId, sessionId)));
  return row ?? null;
}

export type SessionState = { id: string; status: SessionStatus; transcriptionEnabled: boolean };

export async function findSessionStates(db: Executor, ids: string[]): Promise<SessionState[]> {
  if (!ids.length) return [];
  return db
    .select({
      id: videoSessions.id,
      status: videoSessions.status,
      transcriptionEnabled: videoSessions.transcriptionEnabled,
    })
    .from(videoSessions)
    .where(inArray(videoSessions.id, ids));
}
