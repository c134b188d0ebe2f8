"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { format, formatDate } from "@/i18n/format";
import type { Locale } from "@/i18n/config";
import type { Messages } from "@/i18n/messages/en";
import { TASK_STATUSES, type TaskStatus } from "@/modules/core/tasks/domain/task";
import { FormError, buttonClass, inlineSelectClass, inputClass } from "../ui";
import { tasksApi } from "@/modules/core/tasks/api/contract";
import { useApiAction } from "../use-api";
import type { MemberOption, TaskView } from "./task-view";

type Props = {
  spaceId: string;
  task: TaskView;
  members: MemberOption[];
  locale: Locale;
  t: Messages["tasks"];
  errors: Messages["errors"];
};

/**
 * Edits go out together with one "Save": a select that saved on change would fire on every
 * arrow-key press on some platforms, and a half-typed title would be saved on every keystroke.
 */
export function TaskRow({ spaceId, task, members, locale, t, errors }: Props) {
  const id = useId();
  const router = useRouter();
  const { pending, error, run } = useApiAction(errors);
  const initial = {
    title: task.title,
    status: task.status,
    assignee: task.assigneeUserId ?? "",
    due: task.due ?? "",
  };
  const [draft, setDraft] = useState(initial);
  const params = { spaceId, taskId: task.id };
  const dirty = (Object.keys(initial) as (keyof typeof initial)[]).some((k) => draft[k] !== initial[k]);
  // Someone who left the space can still be the assignee until the task is reassigned.
  const options =
    task.assigneeUserId && !members.some((m) => m.userId === task.assigneeUserId)
      ? [...members, { userId: task.assigneeUserId, name: task.assigneeName ?? "?" }]
      : members;

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changes: Record<string, unknown> = {};
    if (draft.title !== initial.title) changes.title = draft.title;
    if (draft.status !== initial.status) changes.status = draft.status;
    if (draft.assignee !== initial.assignee) changes.assigneeUserId = draft.assignee || null;
    if (draft.due !== initial.due) changes.dueAt = draft.due || null;
    if ((await run(tasksApi.update, { params, json: changes })) !== undefined) router.refresh();
  }

  async function remove() {
    if (!window.confirm(format(t.deleteConfirm, { title: task.title }))) return;
    if ((await run(tasksApi.delete, { params })) !== undefined) router.refresh();
  }

  return (
    <li className="py-4" data-task-id={task.id}>
      <form onSubmit={save} className="space-y-2">
        <div className="grid gap-2 sm:grid-cols-[1fr_9rem_11rem_10rem] sm:items-center">
          <input
            aria-label={format(t.titleFor, { title: task.title })}
            value={draft.title}
            onChange={(e) => setDraft({ ...draft, title: e.target.value })}
            required
            maxLength={200}
            className={`${inputClass} ${task.status === "DONE" ? "text-zinc-500 line-through" : ""}`}
          />
          <select
            aria-label={format(t.statusFor, { title: task.title })}
            value={draft.status}
            onChange={(e) => setDraft({ ...draft, status: e.target.value as TaskStatus })}
            className={inlineSelectClass}
          >
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t.statusNames[s]}
              </option>
            ))}
          </select>
          <select
            aria-label={format(t.assigneeFor, { title: task.title })}
            value={draft.assignee}
            onChange={(e) => setDraft({ ...draft, assignee: e.target.value })}
            className={inlineSelectClass}
          >
            <option value="">{t.unassigned}</option>
            {options.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </select>
          <input
            type="date"
            aria-label={format(t.dueFor, { title: task.title })}
            value={draft.due}
            onChange={(e) => setDraft({ ...draft, due: e.target.value })}
            className={inputClass}
          />
        </div>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-zinc-500">
          {task.due && <span>{format(t.dueOn, { date: formatDate(locale, task.due, "UTC") })}</span>}
          {task.sessionSlug && (
            <Link href={`/s/${task.sessionSlug}`} className="underline hover:text-zinc-900">
              {format(t.fromSession, { session: task.sessionTitle ?? task.sessionSlug })}
            </Link>
          )}
          {task.sessionSlug && task.segmentId && (
            <Link
              href={`/s/${task.sessionSlug}/transcript?segment=${task.segmentId}`}
              className="underline hover:text-zinc-900"
            >
              {t.saidHere}
            </Link>
          )}
          <span className="ml-auto flex gap-2">
            {dirty && (
              <button
                type="submit"
                disabled={pending}
                aria-busy={pending}
                className={buttonClass("primary")}
                aria-label={format(t.saveLabel, { title: task.title })}
              >
                {pending ? t.saving : t.save}
              </button>
            )}
            <button
              type="button"
              onClick={remove}
              disabled={pending}
              className={buttonClass("ghost", "text-red-700 hover:bg-red-50 hover:text-red-800")}
              aria-label={format(t.deleteLabel, { title: task.title })}
            >
              {t.delete}
            </button>
          </span>
        </div>
        <FormError id={`${id}-error`} message={error} />
      </form>
    </li>
  );
}
