import type { Db } from "@/lib/db/client";
import { listSpaces } from "@/modules/core/spaces";
import type { SpaceSummary } from "@/modules/core/spaces/domain/space";
import { lastUsedSpace } from "../infra/recent-spaces";

/**
 * The space a one-click meeting goes to. One space: that one. Several: where the user last
 * created or joined a call, else the newest they own, else the newest. None: null.
 */
export async function chooseMeetingSpace(db: Db, userId: string): Promise<SpaceSummary | null> {
  const spaces = await listSpaces(db, userId);
  if (spaces.length <= 1) return spaces[0] ?? null;
  const used = await lastUsedSpace(
    db,
    userId,
    spaces.map((s) => s.id),
  );
  const newest = (list: SpaceSummary[]) =>
    list.reduce<SpaceSummary | null>((a, s) => (a && a.createdAt >= s.createdAt ? a : s), null);
  return (
    spaces.find((s) => s.id === used) ?? newest(spaces.filter((s) => s.role === "OWNER")) ?? newest(spaces)
  );
}
