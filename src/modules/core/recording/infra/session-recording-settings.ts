import { eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { videoSessions } from "@/lib/db/schema/sessions";

export async function findRecordingAllowed(db: Executor, videoSessionId: string): Promise<boolean> {
  const [row] = await db
    .select({ allowed: videoSessions.recordingAllowed })
    .from(videoSessions)
    .where(eq(videoSessions.id, videoSessionId));
  return row?.allowed ?? false;
}
