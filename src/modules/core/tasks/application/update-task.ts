import type { Executor } from "@/lib/db/client";
import type { Task } from "../domain/task";
import { type TaskChanges, updateTask as updateRow } from "../infra/task-repository";
import { requireAssignableUser, requireTask, requireTaskAccess, taskNotFound } from "./task-access";

export type UpdateTaskInput = { userId: string; spaceId: string; taskId: string; changes: TaskChanges };

/** Any member may edit any task of the space (see task-access). */
export async function updateTask(db: Executor, input: UpdateTaskInput): Promise<Task> {
  await requireTaskAccess(db, input.spaceId, input.userId);
  if (input.changes.assigneeUserId !== undefined) {
    await requireAssignableUser(db, input.spaceId, input.changes.assigneeUserId);
  }
  if (!(await updateRow(db, input.spaceId, input.taskId, input.changes))) throw taskNotFound();
  return requireTask(db, input.spaceId, input.taskId);
}
