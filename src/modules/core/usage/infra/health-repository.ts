import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { participants } from "@/lib/db/schema/sessions";
import { transcriptionClientMetrics, transcriptionUsage } from "@/lib/db/schema/transcription";

export type ParticipantHealthRow = {
  participantId: string;
  identity: string;
  displayName: string;
  /** Audio the ws server received from this participant (all streams, all providers). */
  serverAudioSeconds: number;
  /** When the ws server last saved that total (it saves every few seconds while audio flows). */
  serverUpdatedAt: Date | null;
  /** The speech recognizer of their latest stream (whisper, pocketsphinx, gladia), as the server metered it. */
  engine: string | null;
  /** Audio the participant's browser says it sent (chunks × 160 ms), from its saved metrics. */
  clientAudioSecondsSent: number;
  reconnects: number;
  errors: number;
  lastError: string | null;
  /** When the browser last saved its metrics: stale numbers are visible as such. */
  clientReportedAt: Date | null;
  /** First join and last leave (null while in the call): the longest audio anyone could send. */
  joinedAt: Date;
  leftAt: Date | null;
};

/**
 * Per participant of one session, the server's metered audio beside the browser's own account.
 * Two grouped subqueries joined on the participant, so many streams never multiply each other.
 */
export async function healthByParticipant(db: Executor, sessionId: string): Promise<ParticipantHealthRow[]> {
  const server = db
    .select({
      participantId: transcriptionUsage.participantId,
      audio: sql<string>`sum(${transcriptionUsage.audioSeconds})`.as("server_audio"),
      updatedAt: sql<string>`max(${transcriptionUsage.updatedAt})`.as("server_updated_at"),
      engine:
        sql<string>`(array_agg(${transcriptionUsage.provider} order by ${transcriptionUsage.updatedAt} desc))[1]`.as(
          "server_engine",
        ),
    })
    .from(transcriptionUsage)
    .where(eq(transcriptionUsage.videoSessionId, sessionId))
    .groupBy(transcriptionUsage.participantId)
    .as("server");
  const m = transcriptionClientMetrics;
  const client = db
    .select({
      participantId: m.participantId,
      sent: sql<string>`sum(${m.audioSecondsSent})`.as("client_sent"),
      reconnects: sql<number>`sum(${m.reconnects})::int`.as("client_reconnects"),
      errors: sql<number>`sum(${m.errors})::int`.as("client_errors"),
      lastError: sql<string | null>`(array_agg(${m.lastError} order by ${m.updatedAt} desc)
        filter (where ${m.lastError} is not null))[1]`.as("client_last_error"),
      reportedAt: sql<string>`max(${m.updatedAt})`.as("client_reported_at"),
    })
    .from(m)
    .where(eq(m.videoSessionId, sessionId))
    .groupBy(m.participantId)
    .as("client");
  const rows = await db
    .select({
      participantId: participants.id,
      identity: participants.identity,
      displayName: participants.displayName,
      joinedAt: participants.joinedAt,
      leftAt: participants.leftAt,
      serverAudio: server.audio,
      serverUpdatedAt: server.updatedAt,
      engine: server.engine,
      clientSent: client.sent,
      reconnects: client.reconnects,
      errors: client.errors,
      lastError: client.lastError,
      reportedAt: client.reportedAt,
    })
    .from(participants)
    .leftJoin(server, eq(server.participantId, participants.id))
    .leftJoin(client, eq(client.participantId, participants.id))
    .where(eq(participants.videoSessionId, sessionId))
    .orderBy(participants.displayName, participants.id);
  return rows.map((r) => ({
    participantId: r.participantId,
    identity: r.identity,
    displayName: r.displayName,
    serverAudioSeconds: Number(r.serverAudio ?? 0),
    serverUpdatedAt: r.serverUpdatedAt ? new Date(r.serverUpdatedAt) : null,
    engine: r.engine ?? null,
    clientAudioSecondsSent: Number(r.clientSent ?? 0),
    reconnects: r.reconnects ?? 0,
    errors: r.errors ?? 0,
    lastError: r.lastError ?? null,
    clientReportedAt: r.reportedAt ? new Date(r.reportedAt) : null,
    joinedAt: r.joinedAt,
    leftAt: r.leftAt,
  }));
}
