import { z } from "zod";
import { lineOfText } from "@/modules/core/shared/domain/text";
import { DESCRIPTION_MAX, TASK_STATUSES, TITLE_MAX, dueDateToTimestamp } from "./task";

/** What people may type for a task, shared by the API and the page's filters. */
export const taskTitle = lineOfText(TITLE_MAX);
export const taskDescription = z.string().trim().max(DESCRIPTION_MAX).nullable();
export const taskStatus = z.enum(TASK_STATUSES);

/** A calendar day, `YYYY-MM-DD`, as its midnight UTC. */
export const dueDate = z.iso.date().transform((day, ctx) => {
  const date = dueDateToTimestamp(day);
  if (!date) {
    ctx.addIssue({ code: "custom", message: "must be a date (YYYY-MM-DD)" });
    return z.NEVER;
  }
  return date;
});

export const assigneeFilter = z.union([z.literal("me"), z.literal("none"), z.uuid()]);

export const taskFilterQuery = z.object({
  status: taskStatus.optional(),
  assignee: assigneeFilter.optional(),
  session: z.uuid().optional(),
  dueBefore: dueDate.optional(),
  dueAfter: dueDate.optional(),
});
