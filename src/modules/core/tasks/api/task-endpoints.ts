import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/server/db";
import { parseJsonBody, parseQuery } from "@/server/http/body";
import { spaceParams } from "@/server/http/params";
import { route } from "@/server/http/route";
import { createTask } from "../application/create-task";
import { deleteTask } from "../application/delete-task";
import { listTasks } from "../application/list-tasks";
import { updateTask } from "../application/update-task";
import { dueDate, taskDescription, taskFilterQuery, taskStatus, taskTitle } from "../domain/task-input";

const taskParams = z.object({ spaceId: z.uuid(), taskId: z.uuid() });

const createBody = z
  .object({
    title: taskTitle,
    description: taskDescription.optional(),
    status: taskStatus.optional(),
    assigneeUserId: z.uuid().nullable().optional(),
    dueAt: dueDate.nullable().optional(),
  })
  .strict();

const updateBody = createBody
  .partial()
  .refine((b) => Object.keys(b).length > 0, "name at least one field to change");

export const listTasksEndpoint = route({ params: spaceParams }, async ({ req, user, params }) => {
  const { session, ...filter } = parseQuery(req, taskFilterQuery);
  const tasks = await listTasks(getDb(), {
    userId: user.id,
    spaceId: params.spaceId,
    videoSessionId: session,
    ...filter,
  });
  return NextResponse.json({ tasks });
});

export const createTaskEndpoint = route(
  { params: spaceParams, rateLimit: "create" },
  async ({ req, user, params }) => {
    const body = await parseJsonBody(req, createBody);
    const task = await createTask(getDb(), { userId: user.id, spaceId: params.spaceId, ...body });
    return NextResponse.json({ task }, { status: 201 });
  },
);

export const updateTaskEndpoint = route({ params: taskParams }, async ({ req, user, params }) => {
  const changes = await parseJsonBody(req, updateBody);
  const task = await updateTask(getDb(), { userId: user.id, ...params, changes });
  return NextResponse.json({ task });
});

export const deleteTaskEndpoint = route({ params: taskParams }, async ({ user, params }) => {
  await deleteTask(getDb(), { userId: user.id, ...params });
  return new Response(null, { status: 204 });
});
