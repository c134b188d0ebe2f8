"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { format, formatDate } from "@/i18n/format";
import type { Locale } from "@/i18n/config";
import type { Messages } from "@/i18n/messages/en";
import type { NotesText } from "@/i18n/messages/notes";
import { TASK_STATUSES, type TaskStatus } from "@/modules/core/tasks/domain/task";
import { buttonClass, inlineSelectClass, inputClass } from "../ui";
import { tasksApi } from "@/modules/core/tasks/api/contract";
import { callApi, useApiAction } from "../use-api";
import type { MemberOption, TaskView } from "./task-view";

type Props = {
  spaceId: string;
  task: TaskView;
  members: MemberOption[];
  locale: Locale;
  t: Messages["tasks"];
  notes: NotesText["tasks"];
  errors: Messages["errors"];
};

type Patch = { title?: string; status?: TaskStatus; assigneeUserId?: string | null; dueAt?: string | null };
type Saving = { kind: "idle" | "saving" | "saved" } | { kind: "failed"; reason: string };

/** A title is saved once typing pauses this long (or the field loses focus). */
const TYPING_PAUSE_MS = 700;

/**
 * One task, edited in place and saved as it changes: the title once typing pauses, the done box,
 * status, assignee and due date at once. A line beside it says whether the last change was saved
 * and, if not, why. A status change reloads the list, which is grouped by status.
 */
export function TaskRow({ spaceId, task, members, locale, t, notes, errors }: Props) {
  const id = useId();
  const router = useRouter();
  const remover = useApiAction(errors);
  const [draft, setDraft] = useState({
    title: task.title,
    status: task.status,
    assignee: task.assigneeUserId ?? "",
    due: task.due ?? "",
  });
  const [saving, setSaving] = useState<Saving>({ kind: "idle" });
  const queued = useRef<Patch>({});
  const timer = useRef<number | undefined>(undefined);
  const params = { spaceId, taskId: task.id };
  // Someone who left the space can still be the assignee until the task is reassigned.
  const options =
    task.assigneeUserId && !members.some((m) => m.userId === task.assigneeUserId)
      ? [...members, { userId: task.assigneeUserId, name: task.assigneeName ?? "?" }]
      : members;

  async function flush() {
    window.clearTimeout(timer.current);
    const changes = queued.current;
    queued.current = {};
    if (Object.keys(changes).length === 0) return;
    setSaving({ kind: "saving" });
    const res = await callApi(tasksApi.update, { params, json: changes }, errors);
    if (!res.ok) return setSaving({ kind: "failed", reason: res.message });
    setSaving({ kind: "saved" });
    if (changes.status !== undefined) router.refresh();
  }
  // A title typed just before leaving the page still goes out.
  const flushRef = useRef(flush);
  useEffect(() => {
    flushRef.current = flush;
  });
  useEffect(() => () => void flushRef.current(), []);

  function change(next: Partial<typeof draft>, patch: Patch, delay = 0) {
    setDraft((d) => ({ ...d, ...next }));
    Object.assign(queued.current, patch);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), delay);
  }

  function changeTitle(title: string) {
    if (!title.trim()) {
      // Nothing is saved until there is a title again; the last saved one stays.
      delete queued.current.title;
      setDraft((d) => ({ ...d, title }));
      return setSaving({ kind: "failed", reason: notes.titleRequired });
    }
    change({ title }, { title }, TYPING_PAUSE_MS);
  }

  async function remove() {
    if (!window.confirm(format(t.deleteConfirm, { title: task.title }))) return;
    if ((await remover.run(tasksApi.delete, { params })) !== undefined) router.refresh();
  }

  const done = draft.status === "DONE";
  const status = saving.kind === "saving" ? notes.saving : saving.kind === "saved" ? notes.saved : "";
  const failure = saving.kind === "failed" ? format(notes.notSaved, { reason: saving.reason }) : null;
  return (
    <li className="py-4" data-task-id={task.id}>
      <div className="grid grid-cols-[auto_minmax(0,1fr)] items-center gap-2 sm:grid-cols-[auto_minmax(0,1fr)_auto_auto_auto]">
        <input
          type="checkbox"
          checked={done}
          onChange={(e) => {
            const next: TaskStatus = e.target.checked ? "DONE" : "TODO";
            change({ status: next }, { status: next });
          }}
          aria-label={format(notes.doneFor, { title: task.title })}
          className="size-5 rounded border-zinc-300 text-indigo-600"
        />
        <input
          aria-label={format(t.titleFor, { title: task.title })}
          aria-invalid={saving.kind === "failed" && !draft.title.trim() ? true : undefined}
          aria-describedby={`${id}-error`}
          value={draft.title}
          onChange={(e) => changeTitle(e.target.value)}
          onBlur={() => void flush()}
          required
          maxLength={200}
          className={`${inputClass} ${done ? "text-zinc-500 line-through" : ""}`}
        />
        <select
          aria-label={format(t.statusFor, { title: task.title })}
          value={draft.status}
          onChange={(e) => {
            const next = e.target.value as TaskStatus;
            change({ status: next }, { status: next });
          }}
          className={`${inlineSelectClass} col-span-2 max-sm:w-full sm:col-span-1`}
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
          onChange={(e) => change({ assignee: e.target.value }, { assigneeUserId: e.target.value || null })}
          className={`${inlineSelectClass} col-span-2 max-sm:w-full sm:col-span-1`}
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
          onChange={(e) => change({ due: e.target.value }, { dueAt: e.target.value || null })}
          className={`${inputClass} col-span-2 sm:col-span-1 sm:w-40`}
        />
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-zinc-500">
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
        <span className="ml-auto flex items-center gap-3">
          <span role="status" className="text-zinc-500" data-save-state={saving.kind}>
            {status}
          </span>
          <button
            type="button"
            onClick={remove}
            disabled={remover.pending}
            className={buttonClass("ghost", "text-red-700 hover:bg-red-50 hover:text-red-800")}
            aria-label={format(t.deleteLabel, { title: task.title })}
          >
            {t.delete}
          </button>
        </span>
      </div>
      <p
        id={`${id}-error`}
        role="alert"
        className={failure || remover.error ? "mt-1 text-sm text-red-700" : "sr-only"}
      >
        {failure ?? remover.error ?? ""}
      </p>
    </li>
  );
}
