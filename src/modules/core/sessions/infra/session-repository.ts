import { count, desc, eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { participants, videoSessions } from "@/lib/db/schema/sessions";
import type { VideoSessionSummary } from "../domain/video-session";

export async function listSessionsBySpace(db: Executor, spaceId: string): Promise<VideoSessionSummary[]> {
  const rows = await db
    .select({
      id: videoSessions.id,
      slug: videoSessions.slug,
      title: videoSessions.title,
      status: videoSessions.status,
      createdAt: videoSessions.createdAt,
      startedAt: videoSessions.startedAt,
      endedAt: videoSessions.endedAt,
      participantCount: count(participants.id),
    })
    .from(videoSessions)
    .leftJoin(participants, eq(participants.videoSessionId, videoSessions.id))
    .where(eq(videoSessions.spaceId, spaceId))
    .groupBy(videoSessions.id)
    .orderBy(desc(videoSessions.createdAt))
    .limit(100);
  return rows.map((r) => ({ ...r, participantCount: Number(r.participantCount) }));
}
