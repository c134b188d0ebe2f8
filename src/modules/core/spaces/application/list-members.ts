import type { Executor } from "@/lib/db/client";
import type { SpaceMember } from "../domain/space";
import { listMembers as listRows } from "../infra/space-repository";
import { requireMembership } from "./access";

export async function listMembers(
  db: Executor,
  input: { userId: string; spaceId: string },
): Promise<SpaceMember[]> {
  await requireMembership(db, input.spaceId, input.userId);
  return listRows(db, input.spaceId);
}
