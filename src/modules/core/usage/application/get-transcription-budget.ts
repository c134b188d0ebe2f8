import type { Executor } from "@/lib/db/client";
import { ForbiddenError } from "@/modules/core/shared/domain/errors";
import { requireMembership, spaceNotFound } from "@/modules/core/spaces";
import { canManageSpace } from "@/modules/core/spaces/domain/space";
import { budgetShare, budgetsOfSpace } from "../infra/budget-repository";

export type TranscriptionBudget = {
  budgetUsd: number | null;
  /** Metered cost of the space's streams started this month (UTC). */
  spentUsd: number;
  /** spent ÷ budget; null without a budget. */
  share: number | null;
  canEdit: boolean;
};

/** Owners and admins see the space's budget and this month's spend; members do not. */
export async function getTranscriptionBudget(
  db: Executor,
  input: { userId: string; spaceId: string },
): Promise<TranscriptionBudget> {
  const role = await requireMembership(db, input.spaceId, input.userId);
  if (!canManageSpace(role)) {
    throw new ForbiddenError(
      "forbidden",
      "Only owners and admins can see this space's transcription budget.",
    );
  }
  const b = await budgetsOfSpace(db, input.spaceId);
  if (!b) throw spaceNotFound();
  const share = budgetShare(b);
  return {
    budgetUsd: b.budgetUsd,
    spentUsd: b.spentUsd,
    share: share === Infinity ? 1 : share,
    canEdit: role === "OWNER",
  };
}
