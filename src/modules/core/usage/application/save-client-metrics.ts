import type { Executor } from "@/lib/db/client";
import {
  resolveAccess,
  sessionNotFound,
  type Viewer,
  findParticipant,
  findSessionBySlug,
} from "@/modules/core/sessions";
import { NotFoundError } from "@/modules/core/shared/domain/errors";
import { capClientMetrics, type ClientMetricsInput } from "../domain/client-metrics";
import { upsertClientMetrics } from "../infra/client-metrics-repository";

/**
 * Stores the browser's own account of a caption stream for the participant the caller is in this
 * session (resolved as the token route does). Unlike the token, it is accepted after leaving or
 * after the session ended: the last save is sent as the page goes away. Never billed. The figures
 * are the client's own word, so audio is capped at the time since the participant joined.
 */
export async function saveClientMetrics(
  db: Executor,
  input: { viewer: Viewer; metrics: ClientMetricsInput; now?: Date },
): Promise<void> {
  const { slug, ...metrics } = input.metrics;
  const session = await findSessionBySlug(db, slug);
  if (!session) throw sessionNotFound(input.viewer.user !== null);
  const access = await resolveAccess(db, session, input.viewer);
  const participant = access.identity ? await findParticipant(db, session.id, access.identity) : null;
  if (!participant)
    throw new NotFoundError("join_required", "Join the session before sending caption metrics.");
  const now = input.now ?? new Date();
  const elapsedSeconds = (now.getTime() - participant.joinedAt.getTime()) / 1000;
  await upsertClientMetrics(db, {
    ...capClientMetrics(metrics, elapsedSeconds),
    videoSessionId: session.id,
    participantId: participant.id,
    userId: participant.userId,
  });
}
