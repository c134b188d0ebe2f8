import type { TaskStatus } from "@/modules/core/tasks/domain/task";

/** A task as the page hands it to client components: dates as ISO strings. */
export type TaskView = {
  id: string;
  title: string;
  status: TaskStatus;
  assigneeUserId: string | null;
  assigneeName: string | null;
  /** `YYYY-MM-DD` (due dates are calendar days), or null. */
  due: string | null;
  sessionSlug: string | null;
  sessionTitle: string | null;
  segmentId: string | null;
};

export type MemberOption = { userId: string; name: string };
