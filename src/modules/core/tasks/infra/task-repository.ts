import { type SQL, and, desc, eq, gte, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { users } from "@/lib/db/schema/identity";
import { videoSessions } from "@/lib/db/schema/sessions";
import { spaceMembers } from "@/lib/db/schema/spaces";
import { tasks } from "@/lib/db/schema/tasks";
import { transcriptSegments } from "@/lib/db/schema/transcription";
import type { Task, TaskStatus } from "../domain/task";

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

export type TaskFilter = {
  status?: TaskStatus;
  /** A user id, or `none` for unassigned tasks. */
  assignee?: string;
  videoSessionId?: string;
  dueBefore?: Date;
  dueAfter?: Date;
};

export const TASK_LIST_LIMIT = 500;

const taskColumns = {
  id: tasks.id,
  spaceId: tasks.spaceId,
  title: tasks.title,
  description: tasks.description,
  status: tasks.status,
  assigneeUserId: tasks.assigneeUserId,
  assigneeName: users.name,
  createdByUserId: tasks.createdByUserId,
  dueAt: tasks.dueAt,
  videoSessionId: tasks.videoSessionId,
  sessionSlug: videoSessions.slug,
  sessionTitle: videoSessions.title,
  segmentId: tasks.segmentId,
  createdAt: tasks.createdAt,
  updatedAt: tasks.updatedAt,
};

function selectTasks(db: Executor) {
  return db
    .select(taskColumns)
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.assigneeUserId))
    .leftJoin(videoSessions, eq(videoSessions.id, tasks.videoSessionId));
}

const live = isNull(tasks.deletedAt);

/** Open work first: undone before done, then the nearest due date, then the newest. */
export async function listTasks(db: Executor, spaceId: string, filter: TaskFilter): Promise<Task[]> {
  const where: SQL[] = [eq(tasks.spaceId, spaceId), live];
  if (filter.status) where.push(eq(tasks.status, filter.status));
  if (filter.assignee === "none") where.push(isNull(tasks.assigneeUserId));
  else if (filter.assignee) where.push(eq(tasks.assigneeUserId, filter.assignee));
  if (filter.videoSessionId) where.push(eq(tasks.videoSessionId, filter.videoSessionId));
  if (filter.dueBefore) where.push(lte(tasks.dueAt, filter.dueBefore));
  if (filter.dueAfter) where.push(gte(tasks.dueAt, filter.dueAfter));
  return selectTasks(db)
    .where(and(...where))
    .orderBy(
      sql`${tasks.status} = 'DONE'`,
      sql`${tasks.dueAt} asc nulls last`,
      desc(tasks.createdAt),
      desc(tasks.id),
    )
    .limit(TASK_LIST_LIMIT);
}

export async function findTask(db: Executor, spaceId: string, taskId: string): Promise<Task | null> {
  const [row] = await selectTasks(db).where(and(eq(tasks.spaceId, spaceId), eq(tasks.id, taskId), live));
  return row ?? null;
}

export async function insertTask(db: Executor, row: NewTaskRow): Promise<string> {
  const [inserted] = await db.insert(tasks).values(row).returning({ id: tasks.id });
  return inserted!.id;
}

export type TaskChanges = Partial<
  Pick<NewTaskRow, "title" | "description" | "status" | "assigneeUserId" | "dueAt">
>;

export async function updateTask(db: Executor, spaceId: string, taskId: string, changes: TaskChanges) {
  const rows = await db
    .update(tasks)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(and(eq(tasks.spaceId, spaceId), eq(tasks.id, taskId), live))
    .returning({ id: tasks.id });
  return rows.length > 0;
}

/** A tombstone, not a delete: a re-run of the analysis must not bring back a task people removed. */
export async function deleteTask(db: Executor, spaceId: string, taskId: string): Promise<boolean> {
  const rows = await db
    .update(tasks)
    .set({ deletedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(tasks.spaceId, spaceId), eq(tasks.id, taskId), live))
    .returning({ id: tasks.id });
  return rows.length > 0;
}

export type SessionOption = { id: string; slug: string; title: string };

/** Sessions of the space that have tasks: what the session filter offers. */
export async function listSessionsWithTasks(db: Executor, spaceId: string): Promise<SessionOption[]> {
  return db
    .selectDistinct({ id: videoSessions.id, slug: videoSessions.slug, title: videoSessions.title })
    .from(tasks)
    .innerJoin(videoSessions, eq(videoSessions.id, tasks.videoSessionId))
    .where(and(eq(tasks.spaceId, spaceId), live))
    .orderBy(videoSessions.title, videoSessions.id);
}
