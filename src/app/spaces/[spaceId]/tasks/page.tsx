import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { CreateTaskForm } from "@/components/tasks/create-task-form";
import { TaskFilters } from "@/components/tasks/task-filters";
import { TaskRow } from "@/components/tasks/task-row";
import type { TaskView } from "@/components/tasks/task-view";
import { Card, CardTitle } from "@/components/ui";
import { format } from "@/i18n/format";
import { getMessages } from "@/i18n/server";
import { getDb } from "@/server/db";
import { currentUser } from "@/server/auth";
import { NotFoundError } from "@/modules/core/shared/domain/errors";
import { type TaskBoard, getTaskBoard, TASK_LIST_LIMIT } from "@/modules/core/tasks";
import { TASK_STATUSES, type Task } from "@/modules/core/tasks/domain/task";
import { assigneeFilter, taskStatus } from "@/modules/core/tasks/domain/task-input";

type Params = Promise<{ spaceId: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.tasks.title };
}

/** A filter value that does not parse is dropped, as if it were not set: links stay forgiving. */
function pick<T>(schema: z.ZodType<T>, value: string | string[] | undefined): T | undefined {
  const parsed = schema.safeParse(Array.isArray(value) ? value[0] : value);
  return parsed.success ? parsed.data : undefined;
}

async function loadBoard(input: Parameters<typeof getTaskBoard>[1]): Promise<TaskBoard> {
  if (!z.uuid().safeParse(input.spaceId).success) notFound();
  try {
    return await getTaskBoard(getDb(), input);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}

const toView = (task: Task): TaskView => ({
  id: task.id,
  title: task.title,
  status: task.status,
  assigneeUserId: task.assigneeUserId,
  assigneeName: task.assigneeName,
  due: task.dueAt ? task.dueAt.toISOString().slice(0, 10) : null,
  sessionSlug: task.sessionSlug,
  sessionTitle: task.sessionTitle,
  segmentId: task.segmentId,
});

export default async function TasksPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const [{ spaceId }, search, { locale, t }] = await Promise.all([params, searchParams, getMessages()]);
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/spaces/${spaceId}/tasks`)}`);
  const filter = {
    status: pick(taskStatus, search.status),
    assignee: pick(assigneeFilter, search.assignee),
    videoSessionId: pick(z.uuid(), search.session),
  };
  const board = await loadBoard({ userId: user.id, spaceId, ...filter });
  const filtered = Object.values(filter).some((v) => v !== undefined);
  const tt = t.tasks;

  return (
    <div className="space-y-6">
      <div>
        <Link
          href={`/spaces/${board.space.id}`}
          className="text-sm font-medium text-zinc-500 hover:text-zinc-900"
        >
          ← {format(tt.back, { space: board.space.name })}
        </Link>
        <h1 className="mt-3 text-2xl font-semibold tracking-tight text-zinc-900">{tt.title}</h1>
        <p className="mt-1 text-sm text-zinc-600">{tt.subtitle}</p>
      </div>

      <Card>
        <TaskFilters
          // A reset or a shared link starts the selects from the URL again.
          key={JSON.stringify(filter)}
          filter={filter}
          members={board.members}
          sessions={board.sessions}
          t={tt}
        />
      </Card>

      <Card>
        <CardTitle id="tasks-heading">{tt.listLabel}</CardTitle>
        {board.tasks.length === 0 ? (
          <p className="mt-4 rounded-lg border border-dashed border-zinc-300 px-4 py-8 text-center text-sm text-zinc-500">
            {filtered ? tt.emptyFiltered : tt.empty}
          </p>
        ) : (
          // Grouped by status, in the list's order within each; a status filter leaves one group.
          TASK_STATUSES.filter((s) => !filter.status || s === filter.status).map((status) => {
            const group = board.tasks.filter((task) => task.status === status);
            return (
              <section
                key={status}
                aria-labelledby={`tasks-${status}`}
                className="mt-5"
                data-status-group={status}
              >
                <h3 id={`tasks-${status}`} className="text-sm font-semibold text-zinc-900">
                  {tt.statusNames[status]} <span className="font-normal text-zinc-500">{group.length}</span>
                </h3>
                {group.length === 0 ? (
                  <p className="mt-1 text-sm text-zinc-500">{t.notes.tasks.empty}</p>
                ) : (
                  <ul aria-labelledby={`tasks-${status}`} className="divide-y divide-zinc-100">
                    {group.map((task) => (
                      <TaskRow
                        // The row keeps its own edits (saved as they are made) across refreshes.
                        key={task.id}
                        spaceId={board.space.id}
                        task={toView(task)}
                        members={board.members}
                        locale={locale}
                        t={tt}
                        notes={t.notes.tasks}
                        errors={t.errors}
                      />
                    ))}
                  </ul>
                )}
              </section>
            );
          })
        )}
        {board.tasks.length >= TASK_LIST_LIMIT && (
          <p className="mt-3 text-sm text-zinc-500">{format(tt.limited, { count: TASK_LIST_LIMIT })}</p>
        )}
        <div className="mt-6 border-t border-zinc-100 pt-5">
          <h2 className="mb-3 text-sm font-semibold text-zinc-900">{tt.newTitle}</h2>
          <CreateTaskForm spaceId={board.space.id} members={board.members} t={tt} errors={t.errors} />
        </div>
      </Card>
    </div>
  );
}
