"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import type { ChangeEvent } from "react";
import type { Messages } from "@/i18n/messages/en";
import { TASK_STATUSES } from "@/modules/core/tasks/domain/task";
import { buttonClass, inlineSelectClass, labelClass } from "../ui";
import type { MemberOption } from "./task-view";

type Props = {
  filter: { status?: string; assignee?: string; videoSessionId?: string };
  members: MemberOption[];
  sessions: { id: string; title: string }[];
  t: Messages["tasks"];
};

/**
 * The list's filters apply as soon as one changes (the URL changes with them, so a filtered list
 * can be shared). Without scripts it is a plain GET form with its Apply button.
 */
export function TaskFilters({ filter, members, sessions, t }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const filtered = Object.values(filter).some((v) => v !== undefined);

  function apply(event: ChangeEvent<HTMLFormElement>) {
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) if (value) query.set(name, String(value));
    const search = query.toString();
    router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
  }

  return (
    <form method="get" aria-label={t.filters} onChange={apply} className="flex flex-wrap items-end gap-3">
      <label className="space-y-1.5">
        <span className={labelClass}>{t.status}</span>
        <select name="status" defaultValue={filter.status ?? ""} className={inlineSelectClass}>
          <option value="">{t.allStatuses}</option>
          {TASK_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t.statusNames[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="space-y-1.5">
        <span className={labelClass}>{t.assignee}</span>
        <select name="assignee" defaultValue={filter.assignee ?? ""} className={inlineSelectClass}>
          <option value="">{t.anyone}</option>
          <option value="me">{t.me}</option>
          <option value="none">{t.unassigned}</option>
          {members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label className="space-y-1.5">
        <span className={labelClass}>{t.session}</span>
        <select name="session" defaultValue={filter.videoSessionId ?? ""} className={inlineSelectClass}>
          <option value="">{t.allSessions}</option>
          {sessions.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </label>
      <noscript>
        <button type="submit" className={buttonClass("secondary")}>
          {t.apply}
        </button>
      </noscript>
      {filtered && (
        <Link href={pathname} className={buttonClass("ghost")}>
          {t.reset}
        </Link>
      )}
    </form>
  );
}
