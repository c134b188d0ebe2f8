"use client";

import { useRouter } from "next/navigation";
import { useId, type FormEvent } from "react";
import type { Messages } from "@/i18n/messages/en";
import { FormError, PendingButton, labelClass, selectClass, TextField } from "../ui";
import { tasksApi } from "@/modules/core/tasks/api/contract";
import { useApiAction } from "../use-api";
import type { MemberOption } from "./task-view";

type Props = { spaceId: string; members: MemberOption[]; t: Messages["tasks"]; errors: Messages["errors"] };

export function CreateTaskForm({ spaceId, members, t, errors }: Props) {
  const id = useId();
  const router = useRouter();
  const { pending, error, run } = useApiAction(errors);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const assignee = String(data.get("assignee") ?? "");
    const due = String(data.get("due") ?? "");
    const result = await run(tasksApi.create, {
      params: { spaceId },
      json: { title: String(data.get("title") ?? ""), assigneeUserId: assignee || null, dueAt: due || null },
    });
    if (result === undefined) return;
    form.reset();
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-describedby={`${id}-error`}>
      <div className="grid gap-3 sm:grid-cols-[1fr_11rem_10rem_auto] sm:items-end">
        <TextField id={`${id}-title`} label={t.titleLabel} name="title" required maxLength={200} />
        <div className="space-y-1.5">
          <label htmlFor={`${id}-assignee`} className={labelClass}>
            {t.assignee}
          </label>
          <select id={`${id}-assignee`} name="assignee" defaultValue="" className={selectClass}>
            <option value="">{t.unassigned}</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <TextField id={`${id}-due`} label={t.due} name="due" type="date" />
        <PendingButton type="submit" pending={pending} pendingLabel={t.adding}>
          {t.add}
        </PendingButton>
      </div>
      <FormError id={`${id}-error`} message={error} />
    </form>
  );
}
