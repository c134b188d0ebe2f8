import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { participants, videoSessions } from "@/lib/db/schema/sessions";
import { spaceMembers } from "@/lib/db/schema/spaces";
import type { SessionStatus } from "@/modules/core/sessions/domain/video-session";
import { VOCABULARY_LIMITS, buildVocabulary } from "../domain/vocabulary";
import { findSessionVocabularySources } from "./glossary-repository";

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
  /** False once the participant has left the call or lost the membership the session requires. */
  present: boolean;
  /**
   * What the stream's recognizer is biased with: the session's participants' names known now,
   * then the space's glossary (`buildVocabulary`). Empty for a participant who is not present.
   */
  vocabulary: string[];
};

/**
 * Whether a participant may still caption: not departed for longer than `leftGraceMs` (LiveKit
 * reports a departure only after its reconnect window, and a rejoin clears `left_at`; the grace
 * covers a reload whose `participant_left` arrives just before its `participant_joined`), and, in a
 * members-only session, still a member of the space. In a session open to guests a signed-in
 * non-member may join as a guest, so there only the departure counts.
 */
function stillPresent(leftGraceMs: number): SQL<boolean> {
  return sql<boolean>`(
    (${participants.leftAt} is null
      or ${participants.leftAt} > now() - make_interval(secs => ${leftGraceMs / 1000}))
    and (${videoSessions.allowGuests} or exists (
      select 1 from ${spaceMembers}
      where ${spaceMembers.spaceId} = ${videoSessions.spaceId}
        and ${spaceMembers.userId} = ${participants.userId})))`;
}

export async function findStreamContext(
  db: Executor,
  sessionId: string,
  participantId: string,
  leftGraceMs: number,
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
      present: stillPresent(leftGraceMs),
    })
    .from(participants)
    .innerJoin(videoSessions, eq(videoSessions.id, participants.videoSessionId))
    .where(and(eq(participants.id, participantId), eq(participants.videoSessionId, sessionId)));
  if (!row) return null;
  if (!row.present) return { ...row, vocabulary: [] };
  const { names, glossary } = await findSessionVocabularySources(db, sessionId, VOCABULARY_LIMITS.names);
  return { ...row, vocabulary: buildVocabulary(names, glossary) };
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

/** Of these participants, the ones no longer present (see `stillPresent`): their streams end. */
export async function findAbsentParticipants(
  db: Executor,
  participantIds: string[],
  leftGraceMs: number,
): Promise<string[]> {
  if (!participantIds.length) return [];
  const rows = await db
    .select({ id: participants.id, present: stillPresent(leftGraceMs) })
    .from(participants)
    .innerJoin(videoSessions, eq(videoSessions.id, participants.videoSessionId))
    .where(inArray(participants.id, participantIds));
  const found = new Map(rows.map((r) => [r.id, r.present]));
  // A participant row that is gone (its session deleted) is absent too.
  return participantIds.filter((id) => found.get(id) !== true);
}
