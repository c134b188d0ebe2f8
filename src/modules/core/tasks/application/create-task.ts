import type { Executor } from "@/lib/db/client";
import type { Task, TaskStatus } from "../domain/task";
import { insertTask } from "../infra/task-repository";
import { requireAssignableUser, requireTask, requireTaskAccess } from "./task-access";

export type CreateTaskInput = {
  userId: string;
  spaceId: string;
  title: string;
  description?: string | null;
  status?: TaskStatus;
  assigneeUserId?: string | null;
  dueAt?: Date | null;
};

export async function createTask(db: Executor, input: CreateTaskInput): Promise<Task> {
  await requireTaskAccess(db, input.spaceId, input.userId);
  await requireAssignableUser(db, input.spaceId, input.assigneeUserId ?? null);
  const id = await insertTask(db, {
    spaceId: input.spaceId,
    title: input.title,
    description: input.description ?? null,
    status: input.status ?? "TODO",
    assigneeUserId: input.assigneeUserId ?? null,
    dueAt: input.dueAt ?? null,
    createdByUserId: input.userId,
  });
  return requireTask(db, input.spaceId, id);
}
