import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { spaceMembers } from "@/lib/db/schema/spaces";
import { tasks } from "@/lib/db/schema/tasks";
import { transcriptSegments } from "@/lib/db/schema/transcription";

export type NewTaskRow = typeof tasks.$inferInsert;

/** Which of `userIds` are members of the space. */
export async function memberUserIds(db: Executor, spaceId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .select({ userId: spaceMembers.userId })
    .from(spaceMembers)
    .where(and(eq(spaceMembers.spaceId, spaceId), inArray(spaceMembers.userId, userIds)));
  return new Set(rows.map((r) => r.userId));
}

/** Which of `ids` are segments of the session. */
export async function existingSegmentIds(
  db: Executor,
  videoSessionId: string,
  ids: string[],
): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const rows = await db
    .select({ id: transcriptSegments.id })
    .from(transcriptSegments)
    .where(
      and(eq(transcriptSegments.videoSessionId, videoSessionId), inArray(transcriptSegments.id, unique)),
    );
  return new Set(rows.map((r) => r.id));
}

/** One multi-row insert; rows whose (session, source key) already exists are left untouched. */
export async function insertTasksIgnoringExisting(db: Executor, rows: NewTaskRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(tasks)
    .values(rows)
    .onConflictDoNothing({ target: [tasks.videoSessionId, tasks.sourceKey] })
    .returning({ id: tasks.id });
  return inserted.length;
}
