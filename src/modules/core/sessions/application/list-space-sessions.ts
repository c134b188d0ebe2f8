import type { Executor } from "@/lib/db/client";
import { requireMembership } from "@/modules/core/spaces";
import type { VideoSessionSummary } from "../domain/video-session";
import { listSessionsBySpace } from "../infra/session-repository";

export async function listSpaceSessions(
  db: Executor,
  input: { userId: string; spaceId: string },
): Promise<VideoSessionSummary[]> {
  await requireMembership(db, input.spaceId, input.userId);
  return listSessionsBySpace(db, input.spaceId);
}
