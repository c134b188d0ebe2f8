import type { ActionItem } from "@/lib/db/schema/analysis";

export const TASK_STATUSES = ["TODO", "DOING", "DONE"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Longer item text stays whole in the description; the title is what fits on one line of the list. */
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

export type Task = {
  id: string;
  spaceId: string;
  title: string;
  description: string | null;
  status: TaskStatus;
  assigneeUserId: string | null;
  assigneeName: string | null;
  createdByUserId: string | null;
  dueAt: Date | null;
  videoSessionId: string | null;
  sessionSlug: string | null;
  sessionTitle: string | null;
  segmentId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** Collapses whitespace and cuts at a word boundary when it can, so a title never ends mid-word. */
export function titleFromText(text: string): { title: string; truncated: boolean } {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= TITLE_MAX) return { title: clean, truncated: false };
  const cut = clean.slice(0, TITLE_MAX - 1);
  const space = cut.lastIndexOf(" ");
  return { title: `${(space > TITLE_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`, truncated: true };
}

/** A `YYYY-MM-DD` due date is a calendar day: kept as that day's midnight UTC and shown in UTC. */
export function dueDateToTimestamp(due: string | null): Date | null {
  if (!due || !/^\d{4}-\d{2}-\d{2}$/.test(due)) return null;
  const date = new Date(`${due}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== due ? null : date;
}

export type TaskDraft = {
  key: string;
  title: string;
  description: string | null;
  ownerUserId: string | null;
  dueAt: Date | null;
  segmentIds: string[];
};

/** Items without a key or text cannot become tasks; a key seen twice keeps its first item. */
export function draftsFromActionItems(items: ActionItem[]): TaskDraft[] {
  const seen = new Set<string>();
  const drafts: TaskDraft[] = [];
  for (const item of items) {
    const key = item.key?.trim();
    if (!key || seen.has(key)) continue;
    const { title, truncated } = titleFromText(item.text ?? "");
    if (!title) continue;
    seen.add(key);
    const ownerUserId = item.owner?.userId && isUuid(item.owner.userId) ? item.owner.userId : null;
    drafts.push({
      key,
      title,
      description: truncated ? item.text.trim().slice(0, DESCRIPTION_MAX) : null,
      ownerUserId,
      dueAt: dueDateToTimestamp(item.due),
      segmentIds: (item.segmentIds ?? []).filter(isUuid),
    });
  }
  return drafts;
}
