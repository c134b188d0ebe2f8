import type { Executor } from "@/lib/db/client";
import { getSpace } from "@/modules/core/spaces";
import type { SpaceRole } from "@/modules/core/spaces/domain/space";
import type { Task } from "../domain/task";
import { type SessionOption, listSessionsWithTasks } from "../infra/task-repository";
import { type ListTasksInput, listTasks } from "./list-tasks";

export type TaskBoard = {
  space: { id: string; name: string; role: SpaceRole };
  members: { userId: string; name: string }[];
  sessions: SessionOption[];
  tasks: Task[];
};

/** What the space's tasks page shows: the filtered tasks and the choices its filters and editors offer. */
export async function getTaskBoard(db: Executor, input: ListTasksInput): Promise<TaskBoard> {
  const space = await getSpace(db, { userId: input.userId, spaceId: input.spaceId });
  const [sessions, tasks] = await Promise.all([listSessionsWithTasks(db, space.id), listTasks(db, input)]);
  return {
    space: { id: space.id, name: space.name, role: space.role },
    members: space.members.map((m) => ({ userId: m.userId, name: m.name })),
    sessions,
    tasks,
  };
}
