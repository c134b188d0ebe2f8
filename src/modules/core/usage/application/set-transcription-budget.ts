import type { Executor } from "@/lib/db/client";
import { ForbiddenError } from "@/modules/core/shared/domain/errors";
import { requireMembership } from "@/modules/core/spaces";
import { setSpaceBudget } from "../infra/budget-repository";
import { getTranscriptionBudget, type TranscriptionBudget } from "./get-transcription-budget";

/** Owners only: the space's monthly transcription budget in USD (null: none). */
export async function setTranscriptionBudget(
  db: Executor,
  input: { userId: string; spaceId: string; budgetUsd: number | null },
): Promise<TranscriptionBudget> {
  const role = await requireMembership(db, input.spaceId, input.userId);
  if (role !== "OWNER") {
    throw new ForbiddenError("forbidden", "Only owners can set this space's transcription budget.");
  }
  await setSpaceBudget(db, input.spaceId, input.budgetUsd);
  return getTranscriptionBudget(db, { userId: input.userId, spaceId: input.spaceId });
}
