import type { Executor } from "@/lib/db/client";
import { NotFoundError, UnprocessableError } from "@/modules/core/shared/domain/errors";
import { requireMembership } from "@/modules/core/spaces";
import type { SpaceRole } from "@/modules/core/spaces/domain/space";
import type { Task } from "../domain/task";
import { findTask, memberUserIds } from "../infra/task-repository";

export const taskNotFound = () => new NotFoundError("task_not_found", "Task not found.");

/**
 * Tasks belong to the space: every member (any role) may see, create and edit them, as in most
 * task tools; everyone else, including a session's guests, gets the space's 404.
 */
export const requireTaskAccess = (db: Executor, spaceId: string, userId: string): Promise<SpaceRole> =>
  requireMembership(db, spaceId, userId);

export async function requireTask(db: Executor, spaceId: string, taskId: string): Promise<Task> {
  const task = await findTask(db, spaceId, taskId);
  if (!task) throw taskNotFound();
  return task;
}

/** Work is assigned to members only; someone outside the space could not even see the task. */
export async function requireAssignableUser(db: Executor, spaceId: string, assigneeUserId: string | null) {
  if (assigneeUserId === null) return;
  const members = await memberUserIds(db, spaceId, [assigneeUserId]);
  if (!members.has(assigneeUserId)) {
    throw new UnprocessableError("assignee_not_member", "The assignee must be a member of this space.");
  }
}
