import { z } from "zod";
import { endpoint, isoDate, noContent } from "@/lib/http-contract";
import { TASK_STATUSES } from "../domain/task";
import { dueDate, taskDescription, taskFilterQuery, taskStatus, taskTitle } from "../domain/task-input";

export const taskView = z.strictObject({
  id: z.uuid(),
  spaceId: z.uuid(),
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  assigneeUserId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  createdByUserId: z.uuid().nullable(),
  dueAt: isoDate.nullable(),
  videoSessionId: z.uuid().nullable(),
  sessionSlug: z.string().nullable(),
  sessionTitle: z.string().nullable(),
  segmentId: z.uuid().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

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

const oneTask = z.strictObject({ task: taskView });

/** The space's tasks. */
export const tasksApi = {
  list: endpoint({
    method: "GET",
    path: "/api/spaces/[spaceId]/tasks",
    query: taskFilterQuery,
    response: z.strictObject({ tasks: z.array(taskView) }),
  }),
  create: endpoint({
    method: "POST",
    path: "/api/spaces/[spaceId]/tasks",
    request: createBody,
    response: oneTask,
    status: 201,
  }),
  update: endpoint({
    method: "PATCH",
    path: "/api/spaces/[spaceId]/tasks/[taskId]",
    request: updateBody,
    response: oneTask,
  }),
  delete: endpoint({
    method: "DELETE",
    path: "/api/spaces/[spaceId]/tasks/[taskId]",
    response: noContent,
    status: 204,
  }),
};
