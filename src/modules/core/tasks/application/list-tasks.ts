import type { Executor } from "@/lib/db/client";
import type { Task, TaskStatus } from "../domain/task";
import { listTasks as selectTasks } from "../infra/task-repository";
import { requireTaskAccess } from "./task-access";

export type ListTasksInput = {
  userId: string;
  spaceId: string;
  status?: TaskStatus;
  /** `me`, `none` (unassigned) or a user id. */
  assignee?: string;
  videoSessionId?: string;
  dueBefore?: Date;
  dueAfter?: Date;
};

export async function listTasks(db: Executor, input: ListTasksInput): Promise<Task[]> {
  await requireTaskAccess(db, input.spaceId, input.userId);
  return selectTasks(db, input.spaceId, {
    status: input.status,
    assignee: input.assignee === "me" ? input.userId : input.assignee,
    videoSessionId: input.videoSessionId,
    dueBefore: input.dueBefore,
    dueAfter: input.dueAfter,
  });
}
