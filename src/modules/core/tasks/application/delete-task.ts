import type { Executor } from "@/lib/db/client";
import { deleteTask as deleteRow } from "../infra/task-repository";
import { requireTaskAccess, taskNotFound } from "./task-access";

export async function deleteTask(db: Executor, input: { userId: string; spaceId: string; taskId: string }) {
  await requireTaskAccess(db, input.spaceId, input.userId);
  if (!(await deleteRow(db, input.spaceId, input.taskId))) throw taskNotFound();
}
