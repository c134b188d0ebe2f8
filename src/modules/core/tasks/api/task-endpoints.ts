import { z } from "zod";
import { parseJsonBody, parseQuery } from "@/server/http/body";
import { spaceParams } from "@/server/http/params";
import { reply } from "@/server/http/reply";
import { route } from "@/server/http/route";
import { createTask } from "../application/create-task";
import { deleteTask } from "../application/delete-task";
import { listTasks } from "../application/list-tasks";
import { updateTask } from "../application/update-task";
import { tasksApi } from "./contract";

const taskParams = z.object({ spaceId: z.uuid(), taskId: z.uuid() });

export const listTasksEndpoint = route({ params: spaceParams }, async ({ req, user, params, deps }) => {
  const { session, ...filter } = parseQuery(req, tasksApi.list.query);
  const tasks = await listTasks(deps.db, {
    userId: user.id,
    spaceId: params.spaceId,
    videoSessionId: session,
    ...filter,
  });
  return reply(tasksApi.list, { tasks });
});

export const createTaskEndpoint = route(
  { params: spaceParams, rateLimit: "create" },
  async ({ req, user, params, deps }) => {
    const body = await parseJsonBody(req, tasksApi.create.request);
    const task = await createTask(deps.db, { userId: user.id, spaceId: params.spaceId, ...body });
    return reply(tasksApi.create, { task });
  },
);

export const updateTaskEndpoint = route({ params: taskParams }, async ({ req, user, params, deps }) => {
  const changes = await parseJsonBody(req, tasksApi.update.request);
  const task = await updateTask(deps.db, { userId: user.id, ...params, changes });
  return reply(tasksApi.update, { task });
});

export const deleteTaskEndpoint = route({ params: taskParams }, async ({ user, params, deps }) => {
  await deleteTask(deps.db, { userId: user.id, ...params });
  return new Response(null, { status: 204 });
});
